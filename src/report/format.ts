/**
 * Numbers and tables for people: one formatter for the text tables of the command line and the
 * Markdown and HTML reports, so a value reads the same everywhere.
 *
 * Numbers go through `Intl.NumberFormat` with a fixed locale (en-GB: `1,234.5`), whatever the
 * machine's locale, so output is reproducible. Each numeric column gets one precision: whole numbers
 * when every value is whole, one decimal for percentages (a header with `%` holds percentage
 * points, 0–100), otherwise enough decimals for three significant digits of the column's largest
 * value. Missing values print as "–", right-aligned like the numbers around them. Year and id
 * columns have no thousands separator.
 *
 * Text tables fit a width: headers wrap onto several lines first, then long text cells wrap, and a
 * table that is still too wide is cut into column groups printed one under the other, each
 * repeating the first (key) column.
 */

export const NUMBER_LOCALE = 'en-GB';
export const MISSING = '–';

export type TableCell = string | number | boolean | null | undefined;

export interface NumberStyle {
  /** Digits after the decimal point, the same for the whole column. */
  digits: number;
  /** Thousands separators (off for years and ids). */
  grouping: boolean;
}

const NO_GROUPING = /year|^time$|^id$|^import$/i;
const formatters = new Map<string, Intl.NumberFormat>();

/** The one style for a column of numbers, from its header and values. */
export function numberStyle(header: string, values: readonly TableCell[]): NumberStyle {
  const grouping = !NO_GROUPING.test(header);
  const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (isPercentHeader(header)) return { digits: 1, grouping };
  if (numbers.every(Number.isInteger)) return { digits: 0, grouping };
  const maxAbs = Math.max(...numbers.map(Math.abs));
  const digits = maxAbs === 0 ? 1 : Math.min(6, Math.max(1, 2 - Math.floor(Math.log10(maxAbs))));
  return { digits, grouping };
}

export function isPercentHeader(header: string): boolean {
  return header.includes('%');
}

/** A number in the given style; NaN, ±Infinity and missing values print as "–". */
export function formatNumber(x: number | null | undefined, style: NumberStyle): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING;
  const key = `${style.digits}/${style.grouping}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(NUMBER_LOCALE, {
      minimumFractionDigits: style.digits,
      maximumFractionDigits: style.digits,
      useGrouping: style.grouping,
    });
    formatters.set(key, f);
  }
  // -0.0 after rounding reads as a sign error
  const s = f.format(x);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** A lone number with the style its size calls for (prose, key–value lists). */
export function formatValue(x: number | null | undefined): string {
  return formatNumber(x, numberStyle('', [x]));
}

/** A share (0–1) as a percentage with one decimal, e.g. `49.5%`. */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return MISSING;
  return `${formatNumber(100 * share, { digits: 1, grouping: true })}%`;
}

export interface FormattedTable {
  headers: string[];
  cells: string[][];
  /** Columns whose every present value is a number: right-aligned. */
  numeric: boolean[];
}

/** Formats every cell of a table: numbers per column style, null as "–", booleans as yes/no. */
export function formatCells(
  headers: readonly string[],
  rows: readonly (readonly TableCell[])[],
): FormattedTable {
  const numeric = headers.map((_, i) =>
    rows.every((r) => r[i] === null || r[i] === undefined || typeof r[i] === 'number'),
  );
  const styles = headers.map((h, i) =>
    numeric[i]
      ? numberStyle(
          h,
          rows.map((r) => r[i]),
        )
      : null,
  );
  const cells = rows.map((r) =>
    headers.map((_, i) => {
      const c = r[i];
      if (c === null || c === undefined) return numeric[i] ? MISSING : '';
      if (typeof c === 'number') return styles[i] ? formatNumber(c, styles[i]) : formatValue(c);
      if (typeof c === 'boolean') return c ? 'yes' : 'no';
      return c;
    }),
  );
  return { headers: [...headers], cells, numeric };
}

/** Display width of a string (code points; Milieu's text has no wide characters). */
export function textWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Where a word longer than the width breaks, counted from `start`: after the last `.`, `-`, `/`, `_`
 * or `,` that fits, else at the width.
 */
function breakAt(chars: string[], start: number, w: number): number {
  for (let i = w - 1; i > 0; i--) if ('.-/_,'.includes(chars[start + i])) return i + 1;
  return w;
}

/** Greedy word wrap; a word longer than the width is cut (at punctuation when it can be). */
export function wrapWords(s: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (let word of s.split(/ +/)) {
    if (textWidth(word) > w) {
      if (line) {
        lines.push(line);
        line = '';
      }
      // Cut in one pass over the word's characters (a long value, say a 3 MB field quoted in a
      // note, must not cost a copy of the rest at every cut).
      const chars = [...word];
      let start = 0;
      while (chars.length - start > w) {
        const cut = breakAt(chars, start, w);
        lines.push(chars.slice(start, start + cut).join(''));
        start += cut;
      }
      word = chars.slice(start).join('');
    }
    if (!line) line = word;
    else if (textWidth(line) + 1 + textWidth(word) <= w) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** Wraps every line of a text longer than the width; continuation lines are indented two more. */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      if (textWidth(line) <= width) return [line];
      const indent = /^ */.exec(line)?.[0] ?? '';
      const more = `${indent}  `;
      const [first, ...rest] = wrapWords(line.slice(indent.length), width - indent.length);
      const tail = rest.join(' ');
      return [
        `${indent}${first}`,
        ...(tail ? wrapWords(tail, width - more.length).map((l) => more + l) : []),
      ];
    })
    .join('\n');
}

const GAP = 2;
/** Text columns are not squeezed below this many characters unless nothing else fits. */
const TEXT_MIN = 12;

/** Header words longer than this are cut (at punctuation when they can be). */
const HEADER_WORD_MAX = 16;

const longestWord = (s: string) => Math.max(0, ...s.split(/ +/).map(textWidth));

/** Renders a table as aligned text no wider than `width` (see the module comment for how). */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly TableCell[])[],
  width = 100,
  options: { rightAlign?: boolean[] } = {},
): string {
  const t = formatCells(headers, rows);
  // pre-formatted numbers (text cells) can still be aligned as numbers
  if (options.rightAlign) t.numeric = t.numeric.map((x, i) => options.rightAlign?.[i] ?? x);
  const n = t.headers.length;
  const natural = t.headers.map((h, i) => Math.max(textWidth(h), ...t.cells.map((r) => textWidth(r[i]))));
  if (sum(natural) + GAP * (n - 1) <= width) return renderGroup(t, [...Array(n).keys()], natural);
  // Narrowest each column can be: numbers whole, headers at their longest word, text wrapped.
  const minimum = t.headers.map((h, i) => {
    const cells = Math.max(0, ...t.cells.map((r) => textWidth(r[i])));
    const head = Math.min(longestWord(h), HEADER_WORD_MAX);
    // the key column (names) keeps up to a third of the width before it wraps
    const text = i === 0 ? Math.max(TEXT_MIN, Math.floor(width / 3)) : TEXT_MIN;
    return Math.max(head, t.numeric[i] ? cells : Math.min(cells, text));
  });
  const groups = columnGroups(minimum, width);
  return groups
    .map((cols) => {
      const widths = widen(
        cols.map((c) => minimum[c]),
        cols.map((c) => natural[c]),
        width - GAP * (cols.length - 1),
      );
      const full: number[] = [];
      cols.forEach((c, k) => {
        full[c] = widths[k];
      });
      return renderGroup(t, cols, full);
    })
    .join('\n\n');
}

/** Splits columns 1..n−1 into groups that fit beside column 0 (the key, repeated in each group). */
function columnGroups(minimum: number[], width: number): number[][] {
  const n = minimum.length;
  if (sum(minimum) + GAP * (n - 1) <= width || n === 1) return [[...Array(n).keys()]];
  // the key column may take at most a third of the width, so that every group shows some data
  minimum[0] = Math.min(minimum[0], Math.max(TEXT_MIN, Math.floor(width / 3)));
  const groups: number[][] = [];
  let group = [0];
  let used = minimum[0];
  for (let c = 1; c < n; c++) {
    const need = GAP + minimum[c];
    if (group.length > 1 && used + need > width) {
      groups.push(group);
      group = [0];
      used = minimum[0];
    }
    // a column too wide even beside the key alone is squeezed (its text wraps)
    if (used + need > width) minimum[c] = Math.max(1, width - used - GAP);
    group.push(c);
    used += GAP + minimum[c];
  }
  groups.push(group);
  return groups;
}

/** Gives the room left over to the columns that want it, up to their natural width. */
function widen(min: number[], natural: number[], room: number): number[] {
  const w = [...min];
  let left = room - sum(w);
  while (left > 0) {
    let grew = false;
    for (let i = 0; i < w.length && left > 0; i++) {
      if (w[i] < natural[i]) {
        w[i]++;
        left--;
        grew = true;
      }
    }
    if (!grew) break;
  }
  return w;
}

function renderGroup(t: FormattedTable, cols: number[], widths: number[]): string {
  const block = (texts: string[], bottom = false) => {
    const wrapped = cols.map((c, k) =>
      textWidth(texts[k]) <= widths[c] ? [texts[k]] : wrapWords(texts[k], widths[c]),
    );
    const height = Math.max(...wrapped.map((w) => w.length));
    if (bottom) for (const w of wrapped) while (w.length < height) w.unshift('');
    const lines: string[] = [];
    for (let l = 0; l < height; l++) {
      lines.push(
        cols
          .map((c, k) => {
            const s = wrapped[k][l] ?? '';
            const pad = widths[c] - textWidth(s);
            return t.numeric[c] ? ' '.repeat(pad) + s : s + ' '.repeat(pad);
          })
          .join(' '.repeat(GAP))
          .trimEnd(),
      );
    }
    return lines;
  };
  // headers sit on their last line, above the numbers
  const head = block(
    cols.map((c) => t.headers[c]),
    true,
  );
  return [
    ...head,
    cols.map((c) => '-'.repeat(widths[c])).join(' '.repeat(GAP)),
    ...t.cells.flatMap((r) => block(cols.map((c) => r[c]))),
  ].join('\n');
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
