import { loadScenario, simulate, type Scenario, parseScenario } from './src/sim/index.ts';
const base = loadScenario('examples/scenarios/baseline.json');
const years = { from: 1975, to: 1995 };
const withPolicy = (policy: object[]): Scenario => {
  const { hash, region, ...rest } = base as any;
  return parseScenario({ ...rest, region: 'cambridge', policy });
};
function stats(sc: Scenario, seed: number) {
  const raw = simulate(sc, { seed, years }).raw;
  const orgs = raw.organisations!.columns;
  const nuts = new Map(orgs.id.map((id, i) => [id, orgs.nuts[i]]));
  const kind = new Map(orgs.id.map((id, i) => [id, orgs.kind[i]]));
  const local = (o: unknown) => nuts.get(o as string) === 'UKH12';
  const src = raw.ties!.columns.source, tgt = raw.ties!.columns.target;
  const localShare = src.filter((s, t) => local(s) && local(tgt[t])).length / src.length;
  const firm = (o: unknown) => ['sme','large-firm','mnc-subsidiary','mnc-rd-lab'].includes(kind.get(o as string) as string);
  const uni = (o: unknown) => kind.get(o as string) === 'university';
  const sme = (o: unknown) => kind.get(o as string) === 'sme';
  const fu = src.filter((s, t) => (firm(s) && uni(tgt[t])) || (uni(s) && firm(tgt[t]))).length;
  const smeu = src.filter((s, t) => (sme(s) && uni(tgt[t])) || (uni(s) && sme(tgt[t]))).length;
  return { spin: raw.spinoffs!.rowCount, localShare: +localShare.toFixed(3), fu, smeu, orgs: raw.organisations!.rowCount };
}
const sc = {
  none: withPolicy([]),
  spin: withPolicy([{ lever: 'spinoff-support', from: 1975 }]),
  coll: withPolicy([{ lever: 'collective-initiative', from: 1975, intensity: 2 }]),
  tail: withPolicy([{ lever: 'university-liaison', from: 1975, style: 'sme-tailored' }]),
  gen: withPolicy([{ lever: 'university-liaison', from: 1975, style: 'generalist' }]),
  inward: withPolicy([{ lever: 'inward-investment', from: 1975, intensity: 2 }]),
};
for (const seed of [21, 22, 23, 24, 25]) {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(sc)) out[k] = stats(s, seed);
  console.log(seed, JSON.stringify(out));
}
