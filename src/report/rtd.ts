/**
 * European R&D linkages of study regions, from Framework Programme participations: for each cluster,
 * who takes part, how much they coordinate and receive, and where their co-participation partners
 * are — inside the cluster, elsewhere in the country, elsewhere in Europe, or outside Europe — with
 * the E-I index, firm–university ties inside vs across the cluster boundary, the gatekeepers and the
 * best-connected organisations.
 *
 * Definitions (per cluster C; a co-participation tie joins two organisations sharing a project):
 * - tie scope of a tie with at least one end in C: intra-cluster (both in C), national (same
 *   country), other European (both ends in European countries), outside Europe; unknown country →
 *   "unknown", left out of the shares
 * - E-I index = (external − internal) / (external + internal) over those ties (Krackhardt & Stern 1988):
 *   −1 all ties inside, +1 all outside
 * - gatekeeping = for a local organisation b, the number of pairs of its partners (a, c), not tied to
 *   each other, with one inside C and one outside: the Gould–Fernandez (1989) gatekeeper paths
 *   a → b → c into C, one per such pair on the symmetrised network (src/graph/brokerage.ts)
 * - the co-participation network leaves out projects of more than `maxProjectSize` organisations
 *   (default 30, CLUSTER_COMPARISON_DEFAULTS in measures/selection.ts) and weights ties by count
 *   or fractionally; every count above (ties, partners, gatekeeping) is on that network
 * - centrality = number of distinct partners (degree) in the whole network
 */
import type { Dataset } from '../dataset/dataset.ts';
import {
  isEuropean,
  type MembershipOptions,
  type MultiSitePresence,
  multiSiteNote,
  multiSitePresence,
  type RegionDefinition,
  regionMembers,
} from '../dataset/regions.ts';
import { brokerageRoles } from '../graph/brokerage.ts';
import type { CoParticipationWeighting } from '../measures/common.ts';
import { CLUSTER_COMPARISON_DEFAULTS, coParticipationIn } from '../measures/selection.ts';
import { FIRM_KINDS, ORGANISATION_KINDS, PARTICIPATION_ROLES } from '../model/index.ts';

export interface RtdOptions {
  /** Gatekeepers and central organisations listed per cluster. */
  top?: number;
  /** Multi-site mode and entities (default: the Dataset's, else `flag` with no entities). */
  membership?: MembershipOptions;
  /** Co-participation weighting (default `count`; see measures/selection.ts). */
  weighting?: CoParticipationWeighting;
  /** Projects with more organisations are left out of the co-participation network (default 30). */
  maxProjectSize?: number;
}

export const RTD_DEFAULTS: Required<Omit<RtdOptions, 'membership'>> = {
  top: 5,
  ...CLUSTER_COMPARISON_DEFAULTS,
};

export interface ClusterLinkages {
  id: string;
  name: string;
  organisations: number;
  organisationsByKind: Record<string, number>;
  participations: number;
  participationsByKind: Record<string, number>;
  coordinatorShare: number | null;
  euContribution: number;
  ties: number;
  scopeShares: {
    intraCluster: number;
    national: number;
    otherEuropean: number;
    outsideEurope: number;
  } | null;
  unknownScope: number;
  eiIndex: number | null;
  firmUniversityInside: number;
  firmUniversityAcross: number;
  gatekeepers: { id: string; name: string | null; kind: string; localOutsidePairs: number }[];
  central: { id: string; name: string | null; kind: string; partners: number; outsidePartners: number }[];
  /** Multi-site legal entities registered in the cluster or with a listed main site there. */
  multiSite: MultiSitePresence[];
}

const UNIVERSITY = ORGANISATION_KINDS.indexOf('university');
const COORDINATOR = PARTICIPATION_ROLES.indexOf('coordinator');
const FIRM = new Set(FIRM_KINDS.map((k) => ORGANISATION_KINDS.indexOf(k)));

export function rtdLinkages(
  dataset: Dataset,
  clusters: RegionDefinition[],
  options: RtdOptions = {},
): ClusterLinkages[] {
  const top = options.top ?? RTD_DEFAULTS.top;
  if (!Number.isInteger(top) || top < 0) throw new RangeError(`top must be a whole number ≥ 0, got ${top}`);
  const o = dataset.organisations;
  const n = o.count;
  // the co-participation network of the selected projects (size cap), as in compare
  const coParticipation = coParticipationIn(dataset, {
    weighting: options.weighting ?? RTD_DEFAULTS.weighting,
    maxProjectSize: options.maxProjectSize ?? RTD_DEFAULTS.maxProjectSize,
  });
  const { offsets, targets } = coParticipation;
  const memberships = clusters.map((c) => regionMembers(dataset, c, options.membership));

  // One brokerage pass for all clusters: a cluster's organisations form one group; everybody else is
  // grouped by country (so "outside" pairs are told apart from local ones for every cluster at once).
  const group = new Int32Array(n).fill(-1);
  const countryGroup = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = memberships.findIndex((m) => m[i] === 1);
    if (k >= 0) group[i] = k;
    else {
      const c = o.country[i] ?? '?';
      if (!countryGroup.has(c)) countryGroup.set(c, clusters.length + countryGroup.size);
      group[i] = countryGroup.get(c)!;
    }
  }
  const roles = brokerageRoles(coParticipation, group);

  return clusters.map((cluster, k) => {
    const inside = memberships[k];
    const kindCounts = new Map<string, number>();
    const partKinds = new Map<string, number>();
    let organisations = 0;
    for (let i = 0; i < n; i++) {
      if (!inside[i]) continue;
      organisations++;
      const kind = ORGANISATION_KINDS[o.kind[i]] ?? 'unknown';
      kindCounts.set(kind, (kindCounts.get(kind) ?? 0) + 1);
    }
    let participations = 0;
    let coordinators = 0;
    let euContribution = 0;
    const p = dataset.participations;
    for (let j = 0; j < p.count; j++) {
      const org = p.organisation[j];
      if (org < 0 || !inside[org]) continue;
      participations++;
      if (p.role[j] === COORDINATOR) coordinators++;
      if (!Number.isNaN(p.contribution[j])) euContribution += p.contribution[j];
      const kind = ORGANISATION_KINDS[o.kind[org]] ?? 'unknown';
      partKinds.set(kind, (partKinds.get(kind) ?? 0) + 1);
    }

    const country = clusterCountry(dataset, inside);
    let intra = 0;
    let national = 0;
    let european = 0;
    let outside = 0;
    let unknown = 0;
    let fuInside = 0;
    let fuAcross = 0;
    const outsidePartners = new Int32Array(n);
    for (let u = 0; u < n; u++) {
      if (!inside[u]) continue;
      for (let e = offsets[u]; e < offsets[u + 1]; e++) {
        const v = targets[e];
        const isFU =
          (FIRM.has(o.kind[u]) && o.kind[v] === UNIVERSITY) ||
          (o.kind[u] === UNIVERSITY && FIRM.has(o.kind[v]));
        if (inside[v]) {
          if (v > u) {
            intra++;
            if (isFU) fuInside++;
          }
          continue;
        }
        outsidePartners[u]++;
        if (isFU) fuAcross++;
        const cv = o.country[v];
        if (cv === null || country === null) unknown++;
        else if (cv === country) national++;
        else if (isEuropean(cv) && isEuropean(country)) european++;
        else outside++;
      }
    }
    const known = intra + national + european + outside;
    const external = national + european + outside;

    const local: number[] = [];
    for (let i = 0; i < n; i++) if (inside[i]) local.push(i);
    const describe = (i: number) => ({
      id: o.id[i],
      name: o.name[i],
      kind: ORGANISATION_KINDS[o.kind[i]] ?? 'unknown',
    });
    const gatekeepers = local
      .filter((i) => roles.gatekeeper[i] > 0)
      .sort((a, b) => roles.gatekeeper[b] - roles.gatekeeper[a] || a - b)
      .slice(0, top)
      .map((i) => ({ ...describe(i), localOutsidePairs: roles.gatekeeper[i] }));
    const degree = (i: number) => offsets[i + 1] - offsets[i];
    const central = local
      .filter((i) => degree(i) > 0)
      .sort((a, b) => degree(b) - degree(a) || a - b)
      .slice(0, top)
      .map((i) => ({ ...describe(i), partners: degree(i), outsidePartners: outsidePartners[i] }));

    return {
      id: cluster.id,
      name: cluster.name,
      organisations,
      organisationsByKind: Object.fromEntries([...kindCounts].sort((a, b) => b[1] - a[1])),
      participations,
      participationsByKind: Object.fromEntries([...partKinds].sort((a, b) => b[1] - a[1])),
      coordinatorShare: participations === 0 ? null : coordinators / participations,
      euContribution,
      ties: known + unknown,
      scopeShares:
        known === 0
          ? null
          : {
              intraCluster: intra / known,
              national: national / known,
              otherEuropean: european / known,
              outsideEurope: outside / known,
            },
      unknownScope: unknown,
      eiIndex: external + intra === 0 ? null : (external - intra) / (external + intra),
      firmUniversityInside: fuInside,
      firmUniversityAcross: fuAcross,
      gatekeepers,
      central,
      multiSite: multiSitePresence(dataset, cluster, options.membership),
    };
  });
}

/** One line per multi-site entity per cluster, for the text, Markdown and HTML reports. */
export function multiSiteLines(rows: ClusterLinkages[]): string[] {
  return rows.flatMap((r) => r.multiSite.map((x) => multiSiteNote(r.name, x)));
}

/** The most common country among a cluster's organisations. */
function clusterCountry(dataset: Dataset, inside: Uint8Array): string | null {
  const counts = new Map<string, number>();
  for (let i = 0; i < inside.length; i++) {
    const c = dataset.organisations.country[i];
    if (inside[i] && c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: string | null = null;
  let most = 0;
  for (const [c, k] of counts) if (k > most) [best, most] = [c, k];
  return best;
}

/** What FP participation data cannot tell, said in every report. */
export const RTD_CAVEATS = [
  'Framework Programme projects are one channel of collaboration among many: firms that never apply for EU funding are invisible here, and co-participation in a large consortium is a weak tie at best.',
  'The republished H2020 participation files carry no SME flag, so private companies are counted as firms of unknown size; official CORDIS exports do carry it.',
  'Organisation names and cities come from 2017 (H2020) and FP7 organisation lists; about one participation in six has no city, and organisations are placed by city name, not by address.',
  'Participations are registered to legal entities: a national research society with institutes across the country (Fraunhofer, CNRS, TNO) is counted where its head office is; the entities of regions/multi-site.json are named under each cluster they concern, and --multi-site include|exclude shows how much the figures move.',
  'A cluster is a set of NUTS-3 regions: research sites just outside the boundary (a campus in the next district) count as outside.',
];
