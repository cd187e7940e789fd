/**
 * Writers: a store's tables as a package folder (CSV), one JSON file, or Parquet files; its tie
 * network as GEXF (through graphology-gexf) or GraphML. Every output is written to a temporary name
 * and renamed into place, so an interrupted export never leaves half a file behind.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UndirectedGraph } from 'graphology';
import { write as writeGexf } from 'graphology-gexf';
import type { Dataset } from '../dataset/dataset.ts';
import { ORGANISATION_KINDS } from '../model/index.ts';
import { columnsOf, TABLE_NAMES, TABLES } from '../model/tables.ts';
import { ident, literal } from '../store/sql.ts';
import type { Store } from '../store/store.ts';
import type { Progress } from './reader.ts';

export const EXPORT_FORMATS = ['package', 'json', 'parquet', 'gexf', 'graphml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

function tempName(out: string): string {
  return join(dirname(out), `.${out.split('/').pop()}.partial-${process.pid}`);
}

/** SELECT list that renders a table the way the package format writes it. */
function selectForText(table: (typeof TABLE_NAMES)[number], forCsv: boolean): string {
  return columnsOf(table)
    .map(([name, spec]) => {
      const c = ident(name);
      if (spec.type === 'date') return `strftime(${c}, '%Y-%m-%d') AS ${c}`;
      if (spec.type === 'list' && forCsv) return `array_to_string(${c}, '|') AS ${c}`;
      return c;
    })
    .join(', ');
}

async function rowCount(store: Store, table: string): Promise<number> {
  return Number(
    (await store.connection.runAndReadAll(`SELECT count(*) FROM ${ident(table)}`)).getRows()[0][0],
  );
}

export async function exportTables(
  store: Store,
  out: string,
  format: 'package' | 'json' | 'parquet',
  onProgress?: Progress,
): Promise<string[]> {
  const tmp = tempName(out);
  rmSync(tmp, { recursive: true, force: true });
  const written: string[] = [];
  if (format === 'json') {
    const doc: Record<string, unknown[]> = {};
    for (const [t, table] of TABLE_NAMES.entries()) {
      onProgress?.('exporting tables', t, TABLE_NAMES.length);
      if ((await rowCount(store, table)) === 0) continue;
      const reader = await store.connection.runAndReadAll(
        `SELECT ${selectForText(table, false)} FROM ${ident(table)}`,
      );
      const rows = reader
        .getRowObjectsJS()
        .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null && v !== undefined)));
      doc[table] = rows;
      written.push(table);
    }
    writeFileSync(tmp, `${JSON.stringify(doc, null, 1)}\n`);
  } else {
    mkdirSync(tmp, { recursive: true });
    for (const [t, table] of TABLE_NAMES.entries()) {
      onProgress?.('exporting tables', t, TABLE_NAMES.length);
      if ((await rowCount(store, table)) === 0) continue;
      const base = format === 'package' ? TABLES[table].file : `${table}.parquet`;
      const target = join(tmp, base);
      const options = format === 'package' ? "(HEADER, DELIMITER ',')" : '(FORMAT parquet)';
      await store.connection.run(
        `COPY (SELECT ${selectForText(table, format === 'package')} FROM ${ident(table)}) TO ${literal(target)} ${options}`,
      );
      written.push(base);
    }
  }
  rmSync(out, { recursive: true, force: true });
  renameSync(tmp, out);
  onProgress?.('exporting tables', TABLE_NAMES.length, TABLE_NAMES.length);
  return written;
}

/** The tie network as a graphology graph keyed by organisation id, with the organisations' attributes. */
export function toGraphology(dataset: Dataset): UndirectedGraph {
  const graph = new UndirectedGraph();
  const o = dataset.organisations;
  for (let i = 0; i < o.count; i++) {
    const attrs: Record<string, string | number> = {
      label: o.name[i] ?? o.id[i],
      kind: ORGANISATION_KINDS[o.kind[i]] ?? 'unknown',
    };
    if (o.country[i]) attrs.country = o.country[i]!;
    if (o.nuts[i]) attrs.nuts = o.nuts[i]!;
    if (o.locality[i]) attrs.locality = o.locality[i]!;
    if (!Number.isNaN(o.lat[i])) attrs.lat = o.lat[i];
    if (!Number.isNaN(o.lon[i])) attrs.lon = o.lon[i];
    graph.addNode(o.id[i], attrs);
  }
  const { n, offsets, targets, weights } = dataset.network;
  for (let u = 0; u < n; u++) {
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const v = targets[e];
      if (v > u) graph.addEdge(o.id[u], o.id[v], { weight: weights[e] });
    }
  }
  return graph;
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** GraphML 1.0 with typed keys (graphology-graphml only parses, so this writes it). */
export function graphmlOf(graph: UndirectedGraph): string {
  const nodeKeys = new Map<string, string>();
  graph.forEachNode((_, attrs) => {
    for (const [k, v] of Object.entries(attrs))
      if (!nodeKeys.has(k)) nodeKeys.set(k, typeof v === 'number' ? 'double' : 'string');
  });
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...[...nodeKeys].map(
      ([k, t]) => `  <key id="${xmlEscape(k)}" for="node" attr.name="${xmlEscape(k)}" attr.type="${t}"/>`,
    ),
    '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
    '  <graph id="milieu" edgedefault="undirected">',
  ];
  graph.forEachNode((id, attrs) => {
    const data = Object.entries(attrs).map(
      ([k, v]) => `<data key="${xmlEscape(k)}">${xmlEscape(String(v))}</data>`,
    );
    lines.push(`    <node id="${xmlEscape(id)}">${data.join('')}</node>`);
  });
  let e = 0;
  graph.forEachEdge((_, attrs, source, target) => {
    lines.push(
      `    <edge id="e${e++}" source="${xmlEscape(source)}" target="${xmlEscape(target)}"><data key="weight">${attrs.weight}</data></edge>`,
    );
  });
  lines.push('  </graph>', '</graphml>');
  return `${lines.join('\n')}\n`;
}

export function exportNetwork(dataset: Dataset, out: string, format: 'gexf' | 'graphml'): void {
  const graph = toGraphology(dataset);
  const text = format === 'gexf' ? writeGexf(graph) : graphmlOf(graph);
  const tmp = tempName(out);
  writeFileSync(tmp, text);
  renameSync(tmp, out);
}
