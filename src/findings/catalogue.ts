/**
 * The findings catalogue: every testable conclusion of the TSER network's executive summary
 * (Keeble & Wilkinson, "Networks, Collective Learning and RTD in Regionally-Clustered
 * High-Technology SMEs", ../shared/reference/) as a hypothesis, in the summary's order. Documented
 * in docs/findings.md.
 */
import { acquisitionsByMultinationals, acquisitionsNoHarm, autonomousBridges } from './acquisitions.ts';
import type { Finding, FindingSpec } from './common.ts';
import {
  creationResurgence,
  diversification,
  highTechServices,
  multinationalLabs,
  newTechSectors,
} from './evolution.ts';
import {
  customersOverKnowledgeCentres,
  knowledgeDensity,
  technologyCentresMinority,
  universityCollaborationLimited,
  universityLinksLocal,
} from './knowledge.ts';
import { localRecruitment } from './labour.ts';
import { localGlobalTogether, localLinksCommon, localLinksVertical } from './networking.ts';
import {
  corporateSpinoffsGrowFaster,
  indirectSpinoffs,
  spinoffParentLinks,
  spinoffsLocalised,
  universitySpinoffShare,
} from './spinoffs.ts';

/** The findings with their checks, in the order of the paragraphs they rest on. */
export const FINDINGS: readonly Finding[] = [
  creationResurgence,
  newTechSectors,
  diversification,
  highTechServices,
  multinationalLabs,
  technologyCentresMinority,
  knowledgeDensity,
  universityCollaborationLimited,
  universityLinksLocal,
  customersOverKnowledgeCentres,
  universitySpinoffShare,
  indirectSpinoffs,
  localGlobalTogether,
  localLinksCommon,
  localLinksVertical,
  corporateSpinoffsGrowFaster,
  spinoffParentLinks,
  acquisitionsByMultinationals,
  acquisitionsNoHarm,
  autonomousBridges,
  spinoffsLocalised,
  localRecruitment,
];

/** The catalogue as documentation: the FindingSpec of every finding, in order. */
export const CATALOGUE: readonly FindingSpec[] = FINDINGS.map(
  ({ id, claim, paragraphs, measures, test, needs }) => ({ id, claim, paragraphs, measures, test, needs }),
);
