/**
 * What the server holds: the Dataset read once from the store (opened read-only and closed again,
 * so other programs may keep reading the file), with the study regions and multi-site membership
 * applied as every command does, the NUTS polygons file to serve, the scenario folder, and a small
 * cache of computed answers (the Dataset never changes while the server runs, and every measure is
 * a pure function of it and the request).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import type { Dataset } from '../dataset/dataset.ts';
import { loadDataset } from '../dataset/load.ts';
import { type RegionDefinition, regionDefinitions } from '../dataset/regions.ts';
import { UsageError } from '../errors.ts';
import { withRegionContext } from '../regions/arguments.ts';
import { openStore } from '../store/store.ts';
import { prepareBody, sendPrepared } from './prepared-body.ts';

/** The 1:60M NUTS 2021 polygons shipped in regions/ (© EuroGeographics for the boundaries). */
export const SHIPPED_NUTS = fileURLToPath(
  new URL('../../regions/NUTS_RG_60M_2021_4326.geojson', import.meta.url),
);
/** The example scenario files shipped in examples/scenarios/. */
export const SHIPPED_SCENARIOS = fileURLToPath(new URL('../../examples/scenarios/', import.meta.url));

export interface ServerContext {
  dataset: Dataset;
  /** The store the Dataset came from. */
  source: string;
  nutsPath: string;
  scenarioFolder: string;
  regions: RegionDefinition[];
  cache: Map<string, unknown>;
}

export interface ContextOptions {
  nutsPath?: string;
  scenarioFolder?: string;
}

/** Wraps a Dataset (a store's or a simulation's) for serving. */
export function contextFor(dataset: Dataset, source: string, options: ContextOptions = {}): ServerContext {
  const nutsPath = options.nutsPath ?? SHIPPED_NUTS;
  if (!existsSync(nutsPath)) throw new UsageError('server', `--nuts: no such file ${nutsPath}`);
  const withRegions = withRegionContext(dataset);
  return {
    dataset: withRegions,
    source,
    nutsPath,
    scenarioFolder: options.scenarioFolder ?? SHIPPED_SCENARIOS,
    regions: regionDefinitions(withRegions),
    cache: new Map(),
  };
}

/** Reads a store read-only into a server context. */
export async function loadServerContext(db: string, options: ContextOptions = {}): Promise<ServerContext> {
  const store = await openStore(db, { create: false, readOnly: true });
  try {
    return contextFor(await loadDataset(store), db, options);
  } finally {
    store.close();
  }
}

/** The cached answer for `key`, computed once (the cache keeps the last 200 answers). */
export function cached<T>(context: ServerContext, key: string, compute: () => T): T {
  if (context.cache.has(key)) {
    const value = context.cache.get(key) as T;
    context.cache.delete(key);
    context.cache.set(key, value);
    return value;
  }
  const value = compute();
  context.cache.set(key, value);
  if (context.cache.size > 200) context.cache.delete(context.cache.keys().next().value!);
  return value;
}

/**
 * Sends the cached answer for `key` as JSON, serialised once and kept as bytes with an ETag and
 * their compressed forms (prepared-body.ts): a large answer (a region's every measure, a network)
 * costs more to serialise and compress than to look up, so the wire bytes are what is kept.
 */
export function sendCached(reply: FastifyReply, context: ServerContext, key: string, compute: () => unknown) {
  const prepared = cached(context, `json ${key}`, () =>
    prepareBody(JSON.stringify(compute()), 'application/json; charset=utf-8'),
  );
  // revalidate every time: the ETag makes that a 304 without a body
  reply.header('cache-control', 'no-cache');
  return sendPrepared(reply.request, reply, prepared);
}
