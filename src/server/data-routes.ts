/**
 * The read-only routes of the API (docs/api.md): regions, a region's measures, network, family
 * trees and findings, the comparison of regions, and the map's values and polygons. Every query
 * string is checked by a zod schema (400 with the reason), an unknown region is 404.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findRegion } from '../dataset/regions.ts';
import { MilieuError } from '../errors.ts';
import {
  CLUSTER_COMPARISON_DEFAULTS,
  collectiveLearningIndex,
  compareRegions,
  FAMILY_NAMES,
  measureAll,
  parseMaxProjectSize,
  parseYears,
  type Selection,
} from '../measures/index.ts';
import { regionMask } from '../measures/selection.ts';
import { FIRM_KINDS, KNOWLEDGE_CENTRE_KINDS, ORGANISATION_KINDS } from '../model/index.ts';
import { builtInRegions } from '../regions/definitions.ts';
import { MILIEU_VERSION } from '../version.ts';
import { cached, type ServerContext, sendCached } from './context.ts';
import { findingsFor } from './findings.ts';
import { familyTrees } from './genealogy.ts';
import { aggregatedNetwork, type Grouping, regionNetwork } from './network.ts';
import { prepareBody, sendPrepared } from './prepared-body.ts';
import { HttpError, parseWith } from './validation.ts';

const years = z
  .string()
  .regex(/^\d{3,4}(-\d{3,4})?$/, 'expected a year or FIRST-LAST, e.g. 1990-2000')
  .transform((s, ctx) => {
    try {
      return parseYears(s);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
  });
const maxProjectSize = z
  .string()
  .regex(/^(\d+|none)$/, "expected a whole number ≥ 2 or 'none'")
  .transform((s, ctx) => {
    try {
      return parseMaxProjectSize(s);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
  });
const selectionFields = {
  years: years.optional(),
  maxProjectSize: maxProjectSize.optional(),
  weighting: z.enum(['count', 'fractional']).optional(),
};
const seed = z.coerce.number().int().min(0).max(0xffffffff).default(1);

export const RegionParams = z.strictObject({ id: z.string().min(1).max(100) });
export const MeasuresQuery = z.strictObject({
  ...selectionFields,
  families: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(FAMILY_NAMES as [string, ...string[]])).min(1))
    .optional(),
  seed,
});
export const CompareQuery = z.strictObject({
  ...selectionFields,
  regions: z
    .string()
    .min(1)
    .max(2000)
    .transform((s) =>
      s
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    ),
  seed,
});
export const NetworkQuery = z.strictObject({
  ...selectionFields,
  /** Above this many ties the network is aggregated (to NUTS-2 regions under `auto`). */
  maxEdges: z.coerce.number().int().min(0).max(500_000).default(20_000),
  aggregate: z.enum(['auto', 'nuts2', 'communities']).default('auto'),
  /** Seeds Louvain's visiting order under `aggregate=communities`. */
  seed,
});
export const WholeNetworkQuery = z.strictObject({
  ...selectionFields,
  aggregate: z.enum(['nuts2', 'communities']).default('nuts2'),
  seed,
});

/** The grouping an aggregated network asks for (NUTS-2 unless communities are asked for). */
function groupingOf(q: { aggregate: string; seed: number }): Grouping {
  return q.aggregate === 'communities' ? { by: 'communities', seed: q.seed } : { by: 'nuts2' };
}
export const GenealogyQuery = z.strictObject({ years: years.optional() });
export const MAP_MEASURES = [
  'organisations',
  'firms',
  'knowledge-centres',
  'spinoffs',
  'ties',
  'local-tie-share',
] as const;
export const MapQuery = z.strictObject({
  measure: z.enum(MAP_MEASURES).default('organisations'),
  level: z.enum(['2', '3']).default('2'),
});

function selectionOf(q: {
  years?: [number, number];
  maxProjectSize?: number;
  weighting?: 'count' | 'fractional';
}) {
  const s: Omit<Selection, 'region'> = {};
  if (q.years) s.years = q.years;
  if (q.maxProjectSize !== undefined) s.maxProjectSize = q.maxProjectSize;
  if (q.weighting) s.weighting = q.weighting;
  return s;
}

/** The region named by an id or NUTS code, or 404. */
function regionOr404(context: ServerContext, id: string): string {
  try {
    return findRegion(context.dataset, id).id;
  } catch (e) {
    if (e instanceof MilieuError) throw new HttpError(404, e.message);
    throw e;
  }
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i];
  return n;
}

/** Per NUTS area (level 2 or 3 prefix of the organisation's code) the value of a map measure. */
export function mapValues(
  context: ServerContext,
  measure: (typeof MAP_MEASURES)[number],
  level: 2 | 3,
): Record<string, number> {
  const { dataset } = context;
  const o = dataset.organisations;
  const len = level + 2;
  const area = (u: number) => {
    const code = o.nuts[u];
    return code !== null && code.length >= len ? code.slice(0, len).toUpperCase() : null;
  };
  const out: Record<string, number> = {};
  const add = (key: string | null, v = 1) => {
    if (key !== null) out[key] = (out[key] ?? 0) + v;
  };
  const firm = new Set(FIRM_KINDS.map((k) => ORGANISATION_KINDS.indexOf(k)));
  const centre = new Set(KNOWLEDGE_CENTRE_KINDS.map((k) => ORGANISATION_KINDS.indexOf(k)));
  if (measure === 'organisations') for (let u = 0; u < o.count; u++) add(area(u));
  if (measure === 'firms') for (let u = 0; u < o.count; u++) if (firm.has(o.kind[u])) add(area(u));
  if (measure === 'knowledge-centres')
    for (let u = 0; u < o.count; u++) if (centre.has(o.kind[u])) add(area(u));
  if (measure === 'spinoffs') {
    const s = dataset.spinoffs;
    for (let k = 0; k < s.count; k++) if (s.child[k] >= 0) add(area(s.child[k]));
  }
  if (measure === 'ties' || measure === 'local-tie-share') {
    // each tie of the network counts once for each end's area; local = both ends in one area
    const net = dataset.network;
    const local: Record<string, number> = {};
    for (let u = 0; u < net.n; u++) {
      const a = area(u);
      if (a === null) continue;
      for (let k = net.offsets[u]; k < net.offsets[u + 1]; k++) {
        add(a);
        if (area(net.targets[k]) === a) local[a] = (local[a] ?? 0) + 1;
      }
    }
    if (measure === 'local-tie-share') for (const a of Object.keys(out)) out[a] = (local[a] ?? 0) / out[a];
  }
  return out;
}

export function registerDataRoutes(app: FastifyInstance, context: ServerContext): void {
  const { dataset } = context;
  /** Region ids of a `regions` parameter (`ten` = the study clusters), each known or 404, once each. */
  const regionList = (given: string[]): string[] => {
    if (given.length === 0) throw new HttpError(400, 'query.regions: at least one region');
    const ids = given.flatMap((r) =>
      r.toLowerCase() === 'ten' ? builtInRegions().map((b) => b.id) : [regionOr404(context, r)],
    );
    return [...new Set(ids)];
  };

  app.get('/api/info', async () => ({
    milieuVersion: MILIEU_VERSION,
    source: context.source,
    inputHashes: dataset.meta.inputHashes,
    organisations: dataset.organisations.count,
    ties: dataset.ties.count,
    projects: dataset.projects.count,
    spinoffs: dataset.spinoffs.count,
    families: FAMILY_NAMES,
    findings: true,
  }));

  app.get('/api/regions', async (_req, reply) =>
    sendCached(reply, context, 'regions', () => {
      const study = new Set(builtInRegions().map((r) => r.id));
      return context.regions.map((r) => ({
        ...r,
        study: study.has(r.id),
        organisations: count(regionMask(dataset, r)),
      }));
    }),
  );

  app.get('/api/regions/:id', async (req) => {
    const { id } = parseWith(RegionParams, req.params, 'path');
    const region = findRegion(dataset, regionOr404(context, id));
    return { ...region, organisations: count(regionMask(dataset, region)) };
  });

  app.get('/api/regions/:id/measures', async (req, reply) => {
    const { id } = parseWith(RegionParams, req.params, 'path');
    const q = parseWith(MeasuresQuery, req.query, 'query');
    const region = regionOr404(context, id);
    return sendCached(reply, context, `measures ${region} ${JSON.stringify(q)}`, () => ({
      region,
      families: measureAll(dataset, { ...selectionOf(q), region }, q.families, { seed: q.seed }),
    }));
  });

  app.get('/api/compare', async (req, reply) => {
    const q = parseWith(CompareQuery, req.query, 'query');
    const regions = regionList(q.regions);
    return sendCached(reply, context, `compare ${regions.join(',')} ${JSON.stringify(q)}`, () =>
      compareRegions(dataset, regions, selectionOf(q), { seed: q.seed }),
    );
  });

  app.get('/api/learning', async (req, reply) => {
    const q = parseWith(CompareQuery, req.query, 'query');
    const regions = regionList(q.regions);
    return sendCached(reply, context, `learning ${regions.join(',')} ${JSON.stringify(q)}`, () => ({
      regions,
      learning: collectiveLearningIndex(dataset, regions, {
        ...CLUSTER_COMPARISON_DEFAULTS,
        ...selectionOf(q),
      }),
    }));
  });

  app.get('/api/regions/:id/network', async (req, reply) => {
    const { id } = parseWith(RegionParams, req.params, 'path');
    const q = parseWith(NetworkQuery, req.query, 'query');
    const region = regionOr404(context, id);
    const max = q.aggregate === 'auto' ? q.maxEdges : 0;
    return sendCached(reply, context, `network ${region} ${JSON.stringify(q)}`, () =>
      regionNetwork(dataset, region, selectionOf(q), max, groupingOf(q)),
    );
  });

  app.get('/api/network', async (req, reply) => {
    const q = parseWith(WholeNetworkQuery, req.query, 'query');
    return sendCached(reply, context, `network * ${JSON.stringify(q)}`, () =>
      aggregatedNetwork(dataset, selectionOf(q), groupingOf(q)),
    );
  });

  app.get('/api/regions/:id/genealogy', async (req, reply) => {
    const { id } = parseWith(RegionParams, req.params, 'path');
    const q = parseWith(GenealogyQuery, req.query, 'query');
    const region = regionOr404(context, id);
    return sendCached(reply, context, `genealogy ${region} ${JSON.stringify(q)}`, () => ({
      region,
      trees: familyTrees(dataset, region, q.years),
    }));
  });

  app.get('/api/regions/:id/findings', async (req, reply) => {
    const { id } = parseWith(RegionParams, req.params, 'path');
    const region = regionOr404(context, id);
    return sendCached(reply, context, `findings ${region}`, () => ({
      region,
      verdicts: findingsFor(dataset, region),
    }));
  });

  app.get('/api/map', async (req, reply) => {
    const q = parseWith(MapQuery, req.query, 'query');
    const level = Number(q.level) as 2 | 3;
    return sendCached(reply, context, `map ${q.measure} ${level}`, () => ({
      measure: q.measure,
      level,
      values: mapValues(context, q.measure, level),
      clusters: builtInRegions().map((r) => ({ id: r.id, name: r.name, nuts: r.nuts })),
      attribution: '© EuroGeographics for the administrative boundaries (Eurostat GISCO, NUTS 2021)',
    }));
  });

  app.get('/api/nuts.geojson', async (req, reply) => {
    const body = cached(context, 'nuts', () =>
      prepareBody(readFileSync(context.nutsPath), 'application/geo+json'),
    );
    reply.header('cache-control', 'no-cache');
    return sendPrepared(req, reply, body);
  });
}
