/**
 * Writers: a store's tables as a package folder (CSV), one JSON file, or Parquet files; its tie
 * network as GEXF (through graphology-gexf) or GraphML. Every output goes through
 * `output-target.ts`: never onto a database or an existing file without `force`, written under a
 * temporary name and renamed into place, so an interrupted export leaves the old output.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UndirectedGraph } from 'graphology';
import { write as writeGexf } from 'graphology-gexf';
import type { Dataset } from '../dataset/dataset.ts';
import { ORGANISATION_KINDS } from '../model/index.ts';
import { columnsOf, TABLE_NAMES, TABLES } from '../model/tables.ts';
import { type OutputOptions, writeFileSafely, writeFileVia, writeFolderVia } from '../output-target.ts';
import type { Progress } from '../progress.ts';
import { ident, literal } from '../store/sql.ts';
import type { Store } from '../store/store.ts';

export const EXPORT_FORMATS = ['package', 'json', 'parquet', 'gexf', 'graphml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

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

/** The file names a table export may write, for checking the target before the work. */
export function exportFileNames(format: 'package' | 'parquet'): string[] {
  return TABLE_NAMES.map((t) => (format === 'package' ? TABLES[t].file : `${t}.parquet`));
}

/**
 * Writes the store's non-empty tables to `out`: a package folder of CSV files, a folder of Parquet
 * files, or one JSON file (`{ table: [row, …] }`, one-space indentation, written table by table).
 * `options.protect` should hold the store's path. Returns what was written.
 */
export async function exportTables(
  store: Store,
  out: string,
  format: 'package' | 'json' | 'parquet',
  options: OutputOptions = {},
  onProgress?: Progress,
): Promise<{ written: string[]; notes: string[] }> {
  const written: string[] = [];
  if (format === 'json') {
    await writeFileVia(out, options, async (tmp) => {
      const fd = openSync(tmp, 'w');
      try {
        let first = true;
        writeSync(fd, '{');
        for (const [t, table] of TABLE_NAMES.entries()) {
          onProgress?.('exporting tables', t, TABLE_NAMES.length);
          if ((await rowCount(store, table)) === 0) continue;
          const reader = await store.connection.runAndReadAll(
            `SELECT ${selectForText(table, false)} FROM ${ident(table)}`,
          );
          const rows = reader
            .getRowObjectsJS()
            .map((r) =>
              Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null && v !== undefined)),
            );
          // the same text as JSON.stringify(wholeDocument, null, 1), one table at a time
          const body = JSON.stringify(rows, null, 1).replaceAll('\n', '\n ');
          writeSync(fd, `${first ? '' : ','}\n ${JSON.stringify(table)}: ${body}`);
          first = false;
          written.push(table);
        }
        writeSync(fd, first ? '}\n' : '\n}\n');
        onProgress?.('exporting tables', TABLE_NAMES.length, TABLE_NAMES.length);
      } finally {
        closeSync(fd);
      }
    });
    return { written, notes: [] };
  }
  return writeFolderVia(out, format, exportFileNames(format), options, async (dir) => {
    for (const [t, table] of TABLE_NAMES.entries()) {
      onProgress?.('exporting tables', t, TABLE_NAMES.length);
      if ((await rowCount(store, table)) === 0) continue;
      const base = format === 'package' ? TABLES[table].file : `${table}.parquet`;
      const target = join(dir, base);
      const copyOptions = format === 'package' ? "(HEADER, DELIMITER ',')" : '(FORMAT parquet)';
      await store.connection.run(
        `COPY (SELECT ${selectForText(table, format === 'package')} FROM ${ident(table)}) TO ${literal(target)} ${copyOptions}`,
      );
      written.push(base);
    }
    onProgress?.('exporting tables', TABLE_NAMES.length, TABLE_NAMES.length);
    return written;
  });
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

export function exportNetwork(
  dataset: Dataset,
  out: string,
  format: 'gexf' | 'graphml',
  options: OutputOptions = {},
): void {
  const graph = toGraphology(dataset);
  writeFileSafely(out, format === 'gexf' ? writeGexf(graph) : graphmlOf(graph), options);
}
