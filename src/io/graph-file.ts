/**
 * Reader for network files written by Gephi and other graph tools: GEXF (`--format gexf`) and
 * GraphML (`--format graphml`), parsed by graphology-gexf and graphology-graphml. Nodes become
 * organisations and edges ties; both are staged as text and go through the same SQL validation as
 * every other reader, so a bad value is refused with the file, the line of its `<node>` or
 * `<edge>` tag and the node or edge id.
 *
 * Mapping (src/model/graph-mapping.ts; names matched case-insensitively, ignoring spaces, `_`,
 * `-` and `.`; see docs/data-format.md, "Graph files"):
 * - node id → `id`; the `label` (GEXF label, or a GraphML `label`/`name` key) → `name`;
 * - node attributes `kind`, `sector`, `founded`, `closed`, `country`, `nuts` (also `nuts3`,
 *   `nutscode`), `locality` (also `city`, `town`), `lat` (`latitude`), `lon` (`lng`, `longitude`),
 *   `sme`; a node without `kind` is of kind `other` (noted); other attributes (Gephi's degree,
 *   modularity class, layout and colour) are ignored and listed in a note;
 * - edge source, target → `source`, `target`; `kind` attribute, default `collaboration` (noted);
 *   `weight` (the GEXF weight or a `weight` key/attribute), `start`, `end` (attributes, or the
 *   GEXF tag's own `start`/`end` of a dynamic graph, a date counting by its year).
 *
 * Values are taken as written: declared attribute types are read as text (graphology would read
 * `0x7C6` declared as integer as 1990 and `maybe` declared as boolean as false), and validation
 * decides.
 */
import { readFileSync } from 'node:fs';
import { MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { type InputIssue, UsageError } from '../errors.ts';
import {
  DEFAULT_EDGE_KIND,
  DEFAULT_NODE_KIND,
  EDGE_ATTRIBUTE_COLUMNS,
  NODE_ATTRIBUTE_COLUMNS,
} from '../model/graph-mapping.ts';
import type { ReadContext, Reader, ReadSummary } from '../store/reader.ts';
import { appendStaged, type StagedColumns } from '../store/stage.ts';
import { findInvalidUtf8, hashFiles, headerKey } from './text.ts';
import { scanXml, type XmlTag } from './xml-scan.ts';

export type GraphFormat = 'gexf' | 'graphml';

const ORGANISATION_COLUMNS = [
  'id',
  'name',
  'kind',
  'sector',
  'founded',
  'closed',
  'country',
  'nuts',
  'locality',
  'lat',
  'lon',
  'sme',
];
const TIE_COLUMNS = ['source', 'target', 'kind', 'start', 'end', 'weight'];

/**
 * Declared attribute types made text, so graphology hands the values over as written: GEXF
 * `<attribute … type="integer">`, GraphML `<key … attr.type="int">`.
 */
function untyped(text: string, format: GraphFormat): string {
  if (format === 'gexf')
    return text.replace(/<attribute\b[^>]*>/g, (tag) =>
      tag.replace(/\btype\s*=\s*("[^"]*"|'[^']*')/, 'type="string"'),
    );
  return text.replace(/<key\b[^>]*>/g, (tag) =>
    tag.replace(/\battr\.type\s*=\s*("[^"]*"|'[^']*')/, 'attr.type="string"'),
  );
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isNaN(value)) return null;
  return String(value);
}

/** Lines when they tell the elements apart, else 1-based positions (the caller notes which). */
function distinctLines(lines: number[]): number[] | null {
  return new Set(lines).size === lines.length ? lines : null;
}

/**
 * GEXF attribute titles by class and id. graphology-gexf names a value by its attribute's title
 * only when the id is numeric (`<attribute id="0" title="Founded">`), else by the id: this maps
 * such ids (`<attribute id="k" title="Kind">`) back to their titles.
 */
function gexfTitles(tags: XmlTag[]): Record<'node' | 'edge', Map<string, string>> {
  const out = { node: new Map<string, string>(), edge: new Map<string, string>() };
  let cls: 'node' | 'edge' | null = null;
  for (const t of tags) {
    if (t.name === 'attributes')
      cls = t.attributes.class === 'edge' ? 'edge' : t.attributes.class === 'node' ? 'node' : null;
    else if (
      t.name === 'attribute' &&
      cls &&
      t.attributes.id !== undefined &&
      t.attributes.title !== undefined
    )
      out[cls].set(t.attributes.id, t.attributes.title);
  }
  return out;
}

export function graphFileReader(format: GraphFormat): Reader {
  return async (context: ReadContext): Promise<ReadSummary> => {
    const { connection, path, onProgress } = context;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      throw new UsageError(`io/${format}`, `cannot read ${path}`);
    }
    const fail = (issue: Omit<InputIssue, 'file'>): ReadSummary => ({
      files: [path],
      contentHash: '',
      fileIssues: [{ file: path, ...issue }],
      notes: [],
    });
    const bad = findInvalidUtf8(bytes);
    if (bad) return fail({ line: bad.line, column: `byte ${bad.column}`, reason: 'not valid UTF-8' });
    let source = bytes.toString('utf8');
    if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
    onProgress?.('reading', 0, 1);
    const scan = scanXml(source, new Set(['node', 'edge', 'attributes', 'attribute', format]));
    if (scan.error)
      return fail({
        line: scan.error.line,
        column: `char ${scan.error.column}`,
        reason: `not well-formed XML: ${scan.error.reason}`,
      });
    if (!scan.tags.some((t) => t.name === format))
      return fail({
        line: 1,
        column: null,
        reason: `not a ${format.toUpperCase()} file (no <${format}> element)`,
      });
    const nodeTags = scan.tags.filter((t) => t.name === 'node');
    const edgeTags = scan.tags.filter((t) => t.name === 'edge');
    let graph: ReturnType<typeof parseGexf>;
    try {
      const parse = format === 'gexf' ? parseGexf : parseGraphml;
      // Missing end nodes are added so that an edge to an organisation already in the store can
      // be read; validation then checks every tie end against the input and the store.
      graph = parse(MultiGraph, untyped(source, format), {
        addMissingNodes: true,
        allowUndeclaredAttributes: true,
      });
    } catch (e) {
      return fail({
        line: null,
        column: null,
        reason: `not a readable ${format.toUpperCase()} file: ${(e as Error).message}`,
      });
    }
    const titles = gexfTitles(scan.tags);
    const nameOf = (cls: 'node' | 'edge', key: string) => titles[cls].get(key) ?? key;
    const notes: string[] = [];
    const nodeLines = distinctLines(nodeTags.map((t) => t.line));
    const edgeLines = distinctLines(edgeTags.map((t) => t.line));
    if (!nodeLines || !edgeLines)
      notes.push(
        `${path}: several <node> or <edge> tags share a line, so line numbers in messages are the elements' positions (1 = the first node or edge)`,
      );

    // Nodes: the file's own nodes come first in graphology's order, the added end nodes after.
    const orgs: StagedColumns = { file: path, lines: [], values: {} };
    for (const c of ORGANISATION_COLUMNS) orgs.values[c] = [];
    const ignored = new Set<string>();
    let kindless = 0;
    let k = 0;
    graph.forEachNode((id, attributes) => {
      if (k >= nodeTags.length) return;
      const row: Record<string, string | null> = { id };
      for (const [key, value] of Object.entries(attributes)) {
        const name = nameOf('node', key);
        const column = NODE_ATTRIBUTE_COLUMNS[headerKey(name)];
        if (column === undefined) ignored.add(name);
        else if (row[column] === undefined || row[column] === null) row[column] = text(value);
      }
      if (row.kind === undefined || row.kind === null) {
        row.kind = DEFAULT_NODE_KIND;
        kindless++;
      }
      orgs.lines.push(nodeLines ? nodeLines[k] : k + 1);
      for (const c of ORGANISATION_COLUMNS) orgs.values[c].push(row[c] ?? null);
      k++;
    });
    if (kindless > 0)
      notes.push(
        `${kindless} node(s) without a kind attribute were read as organisations of kind '${DEFAULT_NODE_KIND}'`,
      );

    // Edges: XML attributes (id, weight) as written in the file, data attributes from graphology.
    const ties: StagedColumns = { file: path, lines: [], values: {} };
    for (const c of TIE_COLUMNS) ties.values[c] = [];
    let kindlessEdges = 0;
    let e = 0;
    graph.forEachEdge((_key, attributes, sourceId, targetId) => {
      const tag = edgeTags[e];
      const row: Record<string, string | null> = { source: sourceId, target: targetId };
      for (const [key, value] of Object.entries(attributes)) {
        const name = nameOf('edge', key);
        const column = EDGE_ATTRIBUTE_COLUMNS[headerKey(name)];
        if (column === undefined) ignored.add(`edge ${name}`);
        else row[column] = text(value);
      }
      // graphology reads a GEXF weight as a number (`0x10` → 16): take the text of the file
      if (tag?.attributes.weight !== undefined) row.weight = tag.attributes.weight;
      // GEXF dynamic graphs put an edge's time span on its tag; a date counts by its year
      for (const bound of ['start', 'end'] as const) {
        const value = tag?.attributes[bound];
        if (value !== undefined && (row[bound] === undefined || row[bound] === null))
          row[bound] = /^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(value) ? value.slice(0, 4) : value;
      }
      if (row.kind === undefined || row.kind === null) {
        row.kind = DEFAULT_EDGE_KIND;
        kindlessEdges++;
      }
      ties.lines.push(edgeLines ? edgeLines[e] : e + 1);
      for (const c of TIE_COLUMNS) ties.values[c].push(row[c] ?? null);
      e++;
    });
    if (kindlessEdges > 0)
      notes.push(
        `${kindlessEdges} edge(s) without a kind attribute were read as '${DEFAULT_EDGE_KIND}' ties`,
      );
    for (const name of [
      'label',
      'x',
      'y',
      'z',
      'size',
      'color',
      'edge label',
      'edge color',
      'edge size',
      'edge thickness',
    ])
      ignored.delete(name);
    if (ignored.size > 0)
      notes.push(`attributes not in Milieu's model, ignored: ${[...ignored].sort().join(', ')}`);
    await appendStaged(connection, 'organisations', orgs);
    await appendStaged(connection, 'ties', ties);
    onProgress?.('reading', 1, 1);
    return {
      files: [path],
      contentHash: hashFiles([path]),
      fileIssues: [],
      notes,
      rowLabels: {
        organisations: new Map(orgs.lines.map((line, i) => [line, `node '${orgs.values.id[i]}'`])),
        ties: new Map(
          ties.lines.map((line, i) => {
            const id = edgeTags[i]?.attributes.id;
            return [
              line,
              id !== undefined ? `edge '${id}'` : `edge ${ties.values.source[i]}→${ties.values.target[i]}`,
            ];
          }),
        ),
      },
    };
  };
}

export const readGexf = graphFileReader('gexf');
export const readGraphml = graphFileReader('graphml');
