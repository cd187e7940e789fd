/**
 * The shape of a finding's verdict on a dataset: what `checkFindings` (src/findings/) returns and
 * what the reports and the dashboard render. Kept in the model so the findings, the report and the
 * server share one shape without importing each other.
 */

/**
 * `supported` / `not supported`: the test decided. `inconclusive`: too little data (the note says
 * how much more would decide it). `not testable here`: a table or column is missing (the note names
 * it).
 */
export type Verdict = 'supported' | 'not supported' | 'inconclusive' | 'not testable here';
export const VERDICTS: readonly Verdict[] = [
  'supported',
  'not supported',
  'inconclusive',
  'not testable here',
];

/** One finding of the catalogue, as documented in docs/findings.md. */
export interface FindingSpec {
  /** Short stable id, e.g. `spinoff-university-share`. */
  id: string;
  /** One-line paraphrase of the claim, in Milieu's own words. */
  claim: string;
  /** Paragraph numbers of the executive summary it rests on, e.g. [14]. */
  paragraphs: number[];
  /** Measures (family/table or indicator names) it uses. */
  measures: string[];
  /** The statistical test, in words (e.g. "two one-sided tests, margin ±5 points"). */
  test: string;
  /** The least data it needs, in words. */
  needs: string;
}

/** A finding's verdict for one region (or the whole dataset when `region` is null). */
export interface VerdictRow {
  finding: string;
  region: string | null;
  verdict: Verdict;
  /** The effect size the test is about (a share, a difference, a ratio, a correlation…). */
  effect: number | null;
  /** What `effect` is, e.g. "share of SMEs", "difference in growth rate, per year". */
  effectName: string;
  /** Confidence interval of the effect (level in `level`), when the test gives one. */
  low: number | null;
  high: number | null;
  level: number | null;
  pValue: number | null;
  /** Number of units (firms, ties, years…) the test rests on. */
  n: number;
  /** The measure values behind the verdict, by name. */
  values: Record<string, number | string | null>;
  /** Why this verdict: what was missing, how much more data would decide, caveats. */
  note: string;
}
