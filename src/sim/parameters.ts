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
