/**
 * Renders the package format's reference (docs/data-format.md) from the table specs, so the
 * documentation cannot drift from what the readers accept. A test compares the file with this output.
 */
import {
  DEFAULT_EDGE_KIND,
  DEFAULT_NODE_KIND,
  EDGE_ATTRIBUTE_COLUMNS,
  NODE_ATTRIBUTE_COLUMNS,
} from './graph-mapping.ts';
import { type ColumnSpec, columnsOf, TABLE_NAMES, TABLES } from './tables.ts';

const TYPE_TEXT: Record<ColumnSpec['type'], string> = {
  id: 'text (identifier)',
  ref: 'text (reference)',
  text: 'text',
  list: 'list of text, `|`-separated',
  int: 'whole number',
  year: 'year (whole number)',
  number: 'number',
  bool: 'boolean (`true`/`false`, `1`/`0`, `yes`/`no`)',
  date: 'date `YYYY-MM-DD`',
  enum: 'one of a vocabulary',
  nuts: 'NUTS 2021 code',
  nace: 'NACE Rev.2 code',
  country: 'country code (2 letters)',
};

function describe(spec: ColumnSpec): string {
  const parts = [spec.doc];
  if (spec.type === 'ref') parts.push(`Must exist in \`${TABLES[spec.ref!].file}\` or in the store.`);
  if (spec.items === 'nuts') parts.push('Each item must be shaped like a NUTS code.');
  if (spec.values) parts.push(`Values: ${spec.values.map((v) => `\`${v}\``).join(', ')}.`);
  const range = [spec.min !== undefined ? `≥ ${spec.min}` : '', spec.max !== undefined ? `≤ ${spec.max}` : '']
    .filter(Boolean)
    .join(', ');
  if (range && spec.type !== 'year') parts.push(`Range: ${range}.`);
  return parts.join(' ');
}

export function dataFormatMarkdown(intro: string): string {
  const out = [intro.trim(), ''];
  for (const table of TABLE_NAMES) {
    const t = TABLES[table];
    out.push(`### \`${t.file}\` (table \`${table}\`)`, '', t.doc, '');
    out.push(
      t.key.length
        ? `Key: ${t.key.map((k) => `\`${k}\``).join(' + ')} (unique).`
        : 'No key: rows may repeat.',
      '',
    );
    out.push('| column | type | unit | required | meaning |', '|---|---|---|---|---|');
    for (const [name, spec] of columnsOf(table)) {
      out.push(
        `| \`${name}\` | ${TYPE_TEXT[spec.type]} | ${spec.unit ?? ''} | ${spec.required ? 'yes' : 'no'} | ${describe(spec)} |`,
      );
    }
    out.push('');
  }
  out.push(...graphFilesSection());
  return `${out.join('\n').trimEnd()}\n`;
}

/** Attribute names grouped by the column they fill: `label`, `name` → name. */
function byColumn(mapping: Readonly<Record<string, string>>): string[] {
  const groups = new Map<string, string[]>();
  for (const [attribute, column] of Object.entries(mapping))
    groups.set(column, [...(groups.get(column) ?? []), attribute]);
  return [...groups].map(
    ([column, names]) => `| \`${column}\` | ${names.map((n) => `\`${n}\``).join(', ')} |`,
  );
}

function graphFilesSection(): string[] {
  return [
    '## Graph files (GEXF and GraphML)',
    '',
    '`milieu import DB file.gexf` (or `--format gexf`) and `file.graphml` (`--format graphml`) read a',
    "network file, such as Gephi's, with graphology's parsers: nodes become organisations, edges ties.",
    'The rows go through the same checks as any other input, and a problem names the file, the line of',
    "the node's or edge's tag, the node or edge, and the attribute: `net.gexf:20 [node 'n2', founded]:",
    "not a whole number: '0x7C6'`. Malformed XML is refused with its line (graphology alone would read",
    'what it could). Values are taken as written in the file, whatever type an attribute declares.',
    '',
    'Attribute names are matched without regard to case, spaces, `_`, `-` and `.` (`NUTS 3`, `nuts3`).',
    'Nodes: the node id is the organisation id; attributes fill these columns:',
    '',
    '| column | node attributes |',
    '|---|---|',
    ...byColumn(NODE_ATTRIBUTE_COLUMNS),
    '',
    `A node without a kind is of kind \`${DEFAULT_NODE_KIND}\` (the import notes how many). Edges: source and`,
    'target are the tie ends (direction kept as written), and attributes fill:',
    '',
    '| column | edge attributes |',
    '|---|---|',
    ...byColumn(EDGE_ATTRIBUTE_COLUMNS),
    '',
    "In a GEXF dynamic graph, an edge tag's own `start` and `end` fill those columns when no attribute",
    'does (a date `2001-03-15` counts as its year, 2001).',
    '',
    `An edge without a kind is a \`${DEFAULT_EDGE_KIND}\` tie (noted); its weight is 1 when empty. Other`,
    "attributes (Gephi's degree, modularity class and so on) are ignored and listed in a note; layout",
    "and colours too. Milieu's own GEXF and GraphML exports read back into the same organisations",
    '(id, name, kind, country, NUTS, locality, coordinates) and ties (as `collaboration` ties, since',
    'the export writes the network, not the tie kinds).',
    '',
  ];
}
