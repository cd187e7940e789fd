/**
 * The simulator's parameters: one typed interface, its DEFAULTS, and for every parameter its range,
 * unit and meaning (the scenario schema, the range check and docs/model.md all read `PARAMETER_SPECS`).
 * Rates are per year; probabilities are per event. Defaults are plausible orders of magnitude for a
 * 1970s–1990s European high-technology cluster, not calibrated values.
 */
import { UsageError } from '../errors.ts';

export interface SimParameters {
  /** Per researcher per year: chance of leaving a university to found a firm. */
  spinoffRateUniversity: number;
  /** Per researcher per year, research institutes. */
  spinoffRateInstitute: number;
  /** Per employee per year, large firms and multinational subsidiaries/labs. */
  spinoffRateLargeFirm: number;
  /** Per employee per year, SMEs. */
  spinoffRateSme: number;
  /** How much a parent's success multiplies its spin-off rate: rate · (1 + e · (success − 1)). */
  spinoffSuccessEffect: number;
  /** Share of the parent's knowledge a spin-off starts with. */
  knowledgeInheritance: number;
  /** Chance that a spin-off takes its parent's sector (else the founder's field). */
  sectorInheritance: number;
  /** Chance that a spin-off keeps a tie to its parent. */
  parentTieProbability: number;
  /** Extra performance of spin-offs over other firms (0 = no difference). */
  spinoffAdvantage: number;
  /** Expected de novo (non spin-off) local foundings per year at demand 1. */
  deNovoPerYear: number;
  /** Per employee per year: chance of looking for another local employer. */
  mobilityRate: number;
  /** Graduates per university researcher per year entering the regional labour pool. */
  graduatesPerResearcher: number;
  /** Share of vacancies left after local hiring that in-migrants fill. */
  inMigrationShare: number;
  /** Per local firm per year: chance of seeking a new partner. */
  tieFormationRate: number;
  /** Share of partner searches aimed at organisations outside the region. */
  externalSearchShare: number;
  /** Candidates compared per partner search (the most proximate one is asked). */
  partnerCandidates: number;
  /** Share of new firm–firm ties that are vertical (customer/supplier). */
  verticalTieShare: number;
  /** Per tie per year: chance the tie ends. */
  tieDissolutionRate: number;
  /** Supplier searches among local SMEs per local large firm or multinational subsidiary per year, at demand 1. */
  localSourcingRate: number;
  /** Per year: step of a firm's own-sector knowledge towards 1. */
  learningRate: number;
  /** Per tie per year: share of a partner's knowledge lead taken up. */
  diffusionRate: number;
  /** Per firm per year: chance of a recombination that opens knowledge in a new field. */
  recombinationRate: number;
  /** Standard deviation of a firm's yearly performance shock (log scale). */
  performanceNoise: number;
  /** Proportional size change per unit of performance above or below 1. */
  growthElasticity: number;
  /** Per firm per year: exit chance at performance 1. */
  exitRate: number;
  /** How much exit risk rises per unit of performance below 1. */
  exitSensitivity: number;
  /** Per qualifying SME per year: chance of being bought by a multinational. */
  acquisitionRate: number;
  /** Performance above which an SME attracts acquirers. */
  acquisitionThreshold: number;
  /** Chance that an acquired firm keeps its autonomy (else it becomes a subsidiary). */
  autonomyProbability: number;
  /** Chance that each local tie of a non-autonomous acquired firm ends at the acquisition. */
  tieLossOnAbsorption: number;
  // --- policy levers (processes/policy.ts), each effect per unit of the lever's intensity
  /** Rise of every spin-off rate per unit of spin-off support. */
  spinoffSupportEffect: number;
  /** Share of the exit risk removed for a supported young firm (spin-off support, science-park tenant). */
  supportExitRelief: number;
  /** Years a new firm keeps that support. */
  supportYears: number;
  /** Per targeted firm per year: chance that the liaison office brokers a university or institute partner. */
  liaisonRate: number;
  /** Share of a generalist liaison office's effort that reaches SMEs (a tailored office: all of it). */
  generalistSmeUptake: number;
  /** Extra local partner searches per local firm per year under a collective initiative. */
  collectiveTieRate: number;
  /** Chance that a new firm locates in the science park. */
  parkTenancy: number;
  /** Rise of the region's attractiveness per unit of science park. */
  parkAttraction: number;
  /** Rise of the region's attractiveness per unit of inward-investment attraction. */
  inwardInvestmentEffect: number;
  /** Trained graduates entering the regional labour pool per year. */
  trainedGraduatesPerYear: number;
  // --- attractiveness, in-migrating firms, multinational R&D labs (processes/migration.ts)
  /** Rise of attractiveness per unit rise of the region's mean knowledge above its first year's. */
  knowledgeAttraction: number;
  /** Expected in-migrating firms per year at attractiveness 1 and demand 1. */
  inMigrantFirmsPerYear: number;
  /** Per field per year: chance a multinational locates an R&D lab, at attractiveness 1 and knowledge base 0.5. */
  mncLabRate: number;
  /** People a new multinational R&D lab aims to employ. */
  mncLabSize: number;
  // --- joint R&D projects (processes/projects.ts)
  /** Per local organisation per year: chance of coordinating a joint R&D project, at own-sector knowledge 0.5. */
  projectRate: number;
  /** Mean number of organisations in a project. */
  projectSize: number;
  /** Share of a project's partners from outside the region. */
  projectExternalShare: number;
  /** Per running project per year: share of the best participant's lead in the project's field taken up. */
  projectLearning: number;
  // --- innovation (processes/innovation.ts)
  /** Per firm per year: chance of an innovation, at own-sector knowledge 0.5 and demand 1. */
  innovationRate: number;
  /** Step of own-sector knowledge towards 1 per innovation. */
  innovationStep: number;
  /** Weight of the firm's own R&D against each open tie when an innovation's source is chosen. */
  ownRdWeight: number;
}

export interface ParameterSpec {
  min: number;
  max: number;
  unit: string;
  doc: string;
}

const p = (min: number, max: number, unit: string, doc: string): ParameterSpec => ({ min, max, unit, doc });

export const DEFAULTS: Readonly<SimParameters> = Object.freeze({
  spinoffRateUniversity: 0.004,
  spinoffRateInstitute: 0.003,
  spinoffRateLargeFirm: 0.002,
  spinoffRateSme: 0.003,
  spinoffSuccessEffect: 0.5,
  knowledgeInheritance: 0.6,
  sectorInheritance: 0.8,
  parentTieProbability: 0.5,
  spinoffAdvantage: 0,
  deNovoPerYear: 3,
  mobilityRate: 0.06,
  graduatesPerResearcher: 0.05,
  inMigrationShare: 0.5,
  tieFormationRate: 0.3,
  externalSearchShare: 0.4,
  partnerCandidates: 5,
  verticalTieShare: 0.4,
  tieDissolutionRate: 0.1,
  localSourcingRate: 0.5,
  learningRate: 0.05,
  diffusionRate: 0.05,
  recombinationRate: 0.02,
  performanceNoise: 0.25,
  growthElasticity: 0.5,
  exitRate: 0.04,
  exitSensitivity: 2,
  acquisitionRate: 0.02,
  acquisitionThreshold: 1.1,
  autonomyProbability: 0.5,
  tieLossOnAbsorption: 0.5,
  spinoffSupportEffect: 1,
  supportExitRelief: 0.5,
  supportYears: 3,
  liaisonRate: 0.15,
  generalistSmeUptake: 0.25,
  collectiveTieRate: 0.3,
  parkTenancy: 0.5,
  parkAttraction: 0.3,
  inwardInvestmentEffect: 0.5,
  trainedGraduatesPerYear: 20,
  knowledgeAttraction: 1,
  inMigrantFirmsPerYear: 1,
  mncLabRate: 0.02,
  mncLabSize: 30,
  projectRate: 0.01,
  projectSize: 5,
  projectExternalShare: 0.5,
  projectLearning: 0.05,
  innovationRate: 0.1,
  innovationStep: 0.05,
  ownRdWeight: 1,
});

export const PARAMETER_SPECS: Readonly<Record<keyof SimParameters, ParameterSpec>> = {
  spinoffRateUniversity: p(
    0,
    1,
    '1/person/year',
    'chance per university researcher per year of founding a spin-off',
  ),
  spinoffRateInstitute: p(0, 1, '1/person/year', 'the same for research-institute researchers'),
  spinoffRateLargeFirm: p(0, 1, '1/person/year', 'the same for employees of large firms and multinationals'),
  spinoffRateSme: p(0, 1, '1/person/year', 'the same for SME employees'),
  spinoffSuccessEffect: p(0, 5, '1', "how much a parent's performance scales its spin-off rate"),
  knowledgeInheritance: p(0, 1, 'share', "share of the parent's knowledge a spin-off starts with"),
  sectorInheritance: p(0, 1, 'probability', "chance that a spin-off takes its parent's sector"),
  parentTieProbability: p(0, 1, 'probability', 'chance that a spin-off keeps a tie to its parent'),
  spinoffAdvantage: p(-1, 1, 'performance', 'extra yearly performance of spin-offs (0 = no difference)'),
  deNovoPerYear: p(0, 1000, 'firms/year', 'expected de novo local foundings per year at demand 1'),
  mobilityRate: p(0, 1, '1/person/year', 'chance per employee per year of seeking another local employer'),
  graduatesPerResearcher: p(
    0,
    5,
    'persons/researcher/year',
    'graduates entering the regional pool per university researcher',
  ),
  inMigrationShare: p(0, 1, 'share', 'share of vacancies unfilled locally that in-migrants fill'),
  tieFormationRate: p(0, 10, '1/firm/year', 'partner searches per local firm per year (chance when below 1)'),
  externalSearchShare: p(0, 1, 'share', 'share of partner searches aimed outside the region'),
  partnerCandidates: p(1, 100, 'organisations', 'candidates compared per partner search'),
  verticalTieShare: p(0, 1, 'share', 'share of new firm–firm ties that are customer/supplier ties'),
  tieDissolutionRate: p(0, 1, '1/tie/year', 'chance per tie per year that it ends'),
  localSourcingRate: p(
    0,
    10,
    '1/firm/year',
    'searches for a local SME supplier per large firm or multinational subsidiary per year at demand 1 (chance when below 1)',
  ),
  learningRate: p(0, 1, '1/year', "step of a firm's own-sector knowledge towards 1 per year"),
  diffusionRate: p(0, 1, '1/tie/year', "share of a partner's knowledge lead taken up per tie per year"),
  recombinationRate: p(0, 1, '1/firm/year', 'chance per firm per year of opening knowledge in a new field'),
  performanceNoise: p(0, 2, 'log-sd', "standard deviation of a firm's yearly performance shock"),
  growthElasticity: p(0, 5, '1', 'proportional size change per unit of performance away from 1'),
  exitRate: p(0, 1, '1/firm/year', 'exit chance per firm per year at performance 1'),
  exitSensitivity: p(0, 20, '1', 'rise of the exit chance per unit of performance below 1'),
  acquisitionRate: p(0, 1, '1/firm/year', 'chance per qualifying SME per year of being acquired'),
  acquisitionThreshold: p(0, 10, 'performance', 'performance above which an SME attracts acquirers'),
  autonomyProbability: p(0, 1, 'probability', 'chance that an acquired firm keeps its autonomy'),
  tieLossOnAbsorption: p(0, 1, 'probability', 'chance that each local tie of an absorbed firm ends'),
  spinoffSupportEffect: p(0, 10, '1/intensity', 'rise of every spin-off rate per unit of spin-off support'),
  supportExitRelief: p(0, 1, 'share', 'share of the exit risk removed for a supported young firm'),
  supportYears: p(0, 50, 'years', 'years a new firm keeps spin-off or science-park support'),
  liaisonRate: p(
    0,
    1,
    '1/firm/year/intensity',
    'chance per targeted firm per year that liaison brokers a university or institute partner',
  ),
  generalistSmeUptake: p(0, 1, 'share', "share of a generalist liaison office's effort that reaches SMEs"),
  collectiveTieRate: p(
    0,
    10,
    '1/firm/year/intensity',
    'extra local partner searches per local firm per year under a collective initiative',
  ),
  parkTenancy: p(0, 1, 'probability/intensity', 'chance that a new firm locates in the science park'),
  parkAttraction: p(0, 10, '1/intensity', "rise of the region's attractiveness per unit of science park"),
  inwardInvestmentEffect: p(
    0,
    10,
    '1/intensity',
    "rise of the region's attractiveness per unit of inward-investment attraction",
  ),
  trainedGraduatesPerYear: p(
    0,
    10000,
    'persons/year/intensity',
    'trained graduates entering the regional labour pool per year',
  ),
  knowledgeAttraction: p(
    0,
    10,
    '1',
    "rise of attractiveness per unit rise of the region's mean knowledge above the first year's",
  ),
  inMigrantFirmsPerYear: p(0, 1000, 'firms/year', 'expected in-migrating firms per year at attractiveness 1'),
  mncLabRate: p(
    0,
    1,
    '1/field/year',
    'chance per field per year that a multinational locates an R&D lab (attractiveness 1, knowledge base 0.5)',
  ),
  mncLabSize: p(1, 10000, 'persons', 'people a new multinational R&D lab aims to employ'),
  projectRate: p(
    0,
    1,
    '1/organisation/year',
    'chance per local organisation per year of coordinating a joint R&D project (own-sector knowledge 0.5)',
  ),
  projectSize: p(2, 50, 'organisations', 'mean number of organisations in a joint R&D project'),
  projectExternalShare: p(0, 1, 'share', "share of a project's partners from outside the region"),
  projectLearning: p(
    0,
    1,
    '1/year',
    "share of the best participant's lead in the project's field taken up per project year",
  ),
  innovationRate: p(
    0,
    1,
    '1/firm/year',
    'chance per firm per year of an innovation (own-sector knowledge 0.5, demand 1)',
  ),
  innovationStep: p(0, 1, 'share', 'step of own-sector knowledge towards 1 per innovation'),
  ownRdWeight: p(0, 100, '1', "weight of own R&D against each open tie as an innovation's source"),
};

/** DEFAULTS with `overrides` merged in, every value range-checked (UsageError naming the field). */
export function checkParameters(overrides: Partial<SimParameters> = {}): SimParameters {
  const merged = { ...DEFAULTS, ...overrides };
  for (const [name, spec] of Object.entries(PARAMETER_SPECS) as [keyof SimParameters, ParameterSpec][]) {
    const v = merged[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < spec.min || v > spec.max)
      throw new UsageError(
        'sim',
        `invalid ${name}: ${v} (expected a number in [${spec.min}, ${spec.max}], ${spec.unit})`,
      );
  }
  for (const name of Object.keys(overrides))
    if (!(name in PARAMETER_SPECS)) throw new UsageError('sim', `unknown parameter ${name}`);
  return merged;
}
