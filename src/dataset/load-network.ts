/**
 * Loads only the tie network from the store: what `milieu network` needs, with the ids matched in
 * SQL so that no id becomes a JS string. Equal to `loadDataset(store)`'s `organisations.kind` and the
 * ties of its `network` (offsets and targets; organisations numbered in the same row order), without
 * the weights when the store holds no stored ties, since the summary does not read them.
 */
import type { DuckDBConnection, DuckDBDataChunk, DuckDBListVector } from '@duckdb/node-api';
import type { Topology } from '../graph/csr.ts';
import { mergeEdges } from '../graph/csr.ts';
import { projectBipartite, projectTopology } from '../graph/projection.ts';
import { ORGANISATION_KINDS } from '../model/vocabulary.ts';
import { literal } from '../store/sql.ts';
import type { Store } from '../store/store.ts';
import { UNKNOWN_CODE } from './dataset.ts';

/** The part of a Dataset that the network summary reads. */
export interface NetworkData {
  organisations: { count: number; kind: Uint8Array };
  /** All ties, undirected: stored ties plus co-participation ties (a Csr with weights when there are stored ties). */
  network: Topology;
}

/**
 * Organisation numbers as loadDataset gives them: the position of the row in table order. `rowid`
 * is that position until an import is replaced (its rows deleted), hence the window.
 */
const ORG_NUMBERS = `org_numbers AS (SELECT id, (row_number() OVER (ORDER BY rowid) - 1)::INTEGER AS i FROM organisations)`;

/** Codes into ORGANISATION_KINDS, UNKNOWN_CODE for NULL or any other text (as buildDataset's). */
const KIND_CODE = `(CASE kind ${ORGANISATION_KINDS.map((k, i) => `WHEN ${literal(k)} THEN ${i}`).join(' ')} ELSE ${UNKNOWN_CODE} END)::UTINYINT`;

/**
 * The network of every import in the store.
 *
 * Reading: DuckDB turns every reference into a number by a join (participations to organisation
 * numbers and project row ids; ties to organisation numbers, in table order so that weights on a
 * repeated pair add up in the same order as loadDataset's), and each column comes back as one list,
 * read as a typed array straight from DuckDB's vector. Text never reaches JS: on the H2020 store,
 * reading 290,000 ids as strings and matching them in a Map was a fifth of `milieu network`'s time.
 * The kinds are read in table order with one DuckDB thread, as load.ts does (an aggregate sees the
 * rows in the order they are stored with one thread).
 *
 * The store's import guarantees unique ids and references that resolve; should a join still lose or
 * repeat a row, the general loader is used instead, so the result is always loadDataset's.
 *
 * Cost: one scan of each table and two hash joins in DuckDB, then the projection (projectTopology,
 * or projectBipartite and mergeEdges when there are stored ties).
 */
export async function loadNetwork(store: Store): Promise<NetworkData> {
  const { connection } = store;
  const threads = Number(
    (await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0],
  );
  await connection.run('SET threads = 1');
  try {
    return (await readNetwork(connection)) ?? (await generalLoad(store));
  } finally {
    await connection.run(`SET threads = ${threads}`);
  }
}

async function readNetwork(connection: DuckDBConnection): Promise<NetworkData | null> {
  const main = await oneRow(
    connection,
    `WITH ${ORG_NUMBERS}
     SELECT (SELECT count(*) FROM organisations), (SELECT list(${KIND_CODE}) FROM organisations),
            (SELECT coalesce(max(rowid) + 1, 0) FROM projects), (SELECT count(*) FROM participations),
            count(*), list(o.i), list(p.rowid::INTEGER), (SELECT count(*) FROM ties)
     FROM participations x JOIN org_numbers o ON x.organisation = o.id JOIN projects p ON x.project = p.id`,
  );
  const n = main.count(0);
  const kind = main.list(1, Uint8Array);
  const projectCount = main.count(2);
  const partCount = main.count(3);
  const tieCount = main.count(7);
  if (main.count(4) !== partCount || kind.length !== n) return null;
  const partOrg = main.list(5, Int32Array);
  const partProject = main.list(6, Int32Array);
  if (tieCount === 0) {
    return {
      organisations: { count: n, kind },
      network: projectTopology(n, projectCount, partOrg, partProject),
    };
  }

  const ties = await oneRow(
    connection,
    `WITH ${ORG_NUMBERS}
     SELECT count(*), list(s.i ORDER BY t.rowid), list(g.i ORDER BY t.rowid),
            list((CASE WHEN t.weight IS NULL OR isnan(t.weight) THEN 1 ELSE t.weight END)::DOUBLE ORDER BY t.rowid)
     FROM ties t JOIN org_numbers s ON t.source = s.id JOIN org_numbers g ON t.target = g.id`,
  );
  if (ties.count(0) !== tieCount) return null;
  const network = mergeEdges(
    projectBipartite(n, projectCount, partOrg, partProject),
    ties.list(1, Int32Array),
    ties.list(2, Int32Array),
    ties.list(3, Float64Array),
  );
  return { organisations: { count: n, kind }, network };
}

interface TypedArrayClass<T> {
  new (length: number): T;
  readonly name: string;
}

/** The one row of a query: its counts as numbers, its lists as typed arrays (empty for NULL). */
async function oneRow(connection: DuckDBConnection, sql: string) {
  const chunk: DuckDBDataChunk | null = await (await connection.run(sql)).fetchChunk();
  if (chunk === null || chunk.rowCount !== 1) throw new Error('the network query did not return one row');
  return {
    count: (c: number) => Number(chunk.getColumnVector(c).getItem(0)),
    list<T>(c: number, type: TypedArrayClass<T>): T {
      const vector = chunk.getColumnVector(c) as DuckDBListVector;
      const items = vector.getItemVector(0) as unknown as { items: T } | null;
      if (items === null) return new type(0);
      if ((items.items as object).constructor !== type) {
        throw new Error(`column ${c} of the network query is not a list of ${type.name}`);
      }
      return items.items;
    },
  };
}

/** loadDataset's network, for a store where a join did not match every row. */
async function generalLoad(store: Store): Promise<NetworkData> {
  const { loadDataset, NETWORK_COLUMNS } = await import('./load.ts');
  const d = await loadDataset(store, { columns: NETWORK_COLUMNS });
  return { organisations: d.organisations, network: d.network };
}
