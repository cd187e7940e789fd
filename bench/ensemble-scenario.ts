/**
 * The benchmark region of bench/sim.ts and bench/ensemble.ts: about 1,000 organisations and 10,000
 * people, 30 years. The scenario file's content, for the parseScenario of the code being timed
 * (the compiled dist/ or the TypeScript sources).
 */
export function benchScenarioInput(name = 'bench', parameters: Record<string, number> = {}): unknown {
  return {
    name,
    region: 'cambridge',
    years: { from: 1971, to: 2000 },
    initial: {
      university: { count: 2, size: 1000 },
      'research-institute': { count: 4, size: 250 },
      'large-firm': { count: 10, size: 300 },
      sme: { count: 900, size: 4 },
      'mnc-rd-lab': { count: 4, size: 50 },
    },
    outsidePartners: { count: 200, national: 0.4, international: 0.45, global: 0.15 },
    demand: [
      { from: 1990, to: 1992, level: 0.75 },
      { from: 1993, level: 1.15 },
    ],
    parameters,
  };
}
