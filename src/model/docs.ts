/**
 * Renders the package format's reference (docs/data-format.md) from the table specs, so the
 * documentation cannot drift from what the readers accept. A test compares the file with this output.
 */
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
  return `${out.join('\n').trimEnd()}\n`;
}
