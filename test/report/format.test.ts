import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import {
  formatCells,
  formatNumber,
  numberStyle,
  renderTable,
  wrapText,
  wrapWords,
} from '../../src/report/format.ts';
import { rtdLinkages } from '../../src/report/rtd.ts';
import { rtdHtml, rtdMarkdown, rtdText } from '../../src/report/rtd-format.ts';

const width = (s: string) => Math.max(...s.split('\n').map((l) => [...l].length));

describe('numbers', () => {
  it('use en-GB separators, one precision per column, none for years', () => {
    // whole numbers: no decimals, thousands separated
    expect(formatCells(['organisations'], [[35871], [17786]]).cells).toEqual([['35,871'], ['17,786']]);
    // largest |value| 0.5 → 2 − floor(log10 0.5) = 3 decimals for the whole column
    expect(formatCells(['density'], [[0.5], [0.01234], [0.25]]).cells).toEqual([
      ['0.500'],
      ['0.012'],
      ['0.250'],
    ]);
    // largest 1 → 2 decimals
    expect(formatCells(['ratio'], [[0.5], [1]]).cells).toEqual([['0.50'], ['1.00']]);
    // largest 1234.56 → 2 − 3 = −1, at least 1 decimal
    expect(formatCells(['EUR'], [[1234.56], [2.04]]).cells).toEqual([['1,234.6'], ['2.0']]);
    // a header with % holds percentage points: one decimal
    expect(formatCells(['coordinator %'], [[50], [33.333]]).cells).toEqual([['50.0'], ['33.3']]);
    expect(formatCells(['year'], [[1996], [2006]]).cells).toEqual([['1996'], ['2006']]);
    expect(formatNumber(-0.0001, numberStyle('x', [0.5]))).toBe('0.000');
  });

  it('right-align numbers and "–" alike', () => {
    const t = renderTable(
      ['cluster', 'organisations'],
      [
        ['Grenoble', 1234],
        ['Pisa', null],
      ],
    );
    expect(t.split('\n')).toEqual([
      'cluster   organisations',
      '--------  -------------',
      'Grenoble          1,234',
      'Pisa                  –',
    ]);
  });
});

describe('wrapping', () => {
  it('cuts a word longer than the width into pieces of the width, at punctuation when one fits', () => {
    expect(wrapWords('a'.repeat(250), 100)).toEqual(['a'.repeat(100), 'a'.repeat(100), 'a'.repeat(50)]);
    // after the last '-' that fits in each piece
    expect(wrapWords('aaaa-bbbb-cccc', 6)).toEqual(['aaaa-', 'bbbb-', 'cccc']);
    expect(wrapWords('xy 1234567890', 4)).toEqual(['xy', '1234', '5678', '90']);
    // a value of a million characters (a malformed field quoted in a note) in one pass
    const long = wrapWords(`see ${'z'.repeat(1_000_000)} end`, 100);
    expect(long.length).toBe(10_002);
    expect(long[0]).toBe('see');
    expect(long.at(-1)).toBe('end');
  });
});

describe('tables fit the width', () => {
  const headers = ['cluster', ...Array.from({ length: 11 }, (_, i) => `a long measure heading number ${i}`)];
  const rows = ['Cambridge', 'Pisa, Piacenza and north-east Milan', 'Munich'].map((name, r) => [
    name,
    ...Array.from({ length: 11 }, (_, i) => (r + 1) * 1000 * (i + 1) + 0.25),
  ]);

  it('wraps headers, then cuts the columns into groups each repeating the key', () => {
    for (const w of [100, 60, 40]) {
      const t = renderTable(headers, rows, w);
      expect(width(t)).toBeLessThanOrEqual(w);
      // every value still printed once, and every cluster in every group
      // Munich's values 3,000.25 … 33,000.25: columns whose largest is ≥ 1,000 get one decimal
      for (let i = 1; i <= 11; i++) expect(t).toContain(`${(3 * i).toLocaleString('en-GB')},000.3`);
      const groups = t.split('\n\n');
      expect(groups.length).toBeGreaterThan(1);
      for (const g of groups) expect(g).toContain('Cambridge');
    }
  });

  it('leaves a table that fits as it is', () => {
    const t = renderTable(['a', 'b'], [['x', 1]], 100);
    expect(t).toBe('a  b\n-  -\nx  1');
  });

  it('wraps long prose lines at words, with a hanging indent', () => {
    expect(wrapText('note: one two three four', 12)).toBe('note: one\n  two three\n  four');
    expect(width(wrapText(`path ${'x'.repeat(50)}`, 20))).toBeLessThanOrEqual(20);
  });
});

describe('the R&D report', () => {
  // one cluster, EU contribution 1,234,567.89 EUR → 1.23 EUR m
  const dataset = buildDataset({
    organisations: {
      rowCount: 2,
      columns: {
        id: ['c1', 'c2'],
        name: ['Uni', 'Firm'],
        kind: ['university', 'firm'],
        nuts: ['DE212', 'DE212'],
        country: ['DE', 'DE'],
      },
    },
    projects: { rowCount: 1, columns: { id: ['P1'] } },
    participations: {
      rowCount: 2,
      columns: {
        project: ['P1', 'P1'],
        organisation: ['c1', 'c2'],
        role: ['coordinator', 'participant'],
        contribution: [1234567.89, 10000000],
      },
    },
  });
  const rows = rtdLinkages(dataset, [{ id: 'DE21', name: 'Munich area', nuts: ['DE21'], localities: [] }]);
  const context = { resolution: 'source 100%', hrst: new Map([['DE21', 1234.5]]) };

  it('shows each value the same in text, Markdown and HTML', () => {
    const text = rtdText(rows, context, 100);
    const md = rtdMarkdown(rows, context);
    const html = rtdHtml(rows, context);
    // EU contribution 11,234,567.89 EUR → 11.23 EUR m → one decimal for a column whose largest is ≥ 10
    // coordinator share 1 of 2 participations → 50.0 %; HRST 1,234.5 with its separator
    for (const value of ['11.2', '50.0', '1,234.5']) {
      expect(text).toContain(value);
      expect(md).toContain(` ${value} |`);
      expect(html).toContain(`<td>${value}</td>`);
    }
    expect(width(rtdText(rows, context, 60))).toBeLessThanOrEqual(60);
  });

  it('draws tie scope and the E-I index as inline SVG charts, with no script or external URL', () => {
    const html = rtdHtml(rows, context);
    const charts = html.match(/<figure class="chart">[\s\S]*?<\/figure>/g) ?? [];
    expect(charts.length).toBe(2);
    for (const c of charts) expect(c).toMatch(/<svg[^>]*viewBox="0 0 640 \d+"/);
    expect(html).not.toMatch(/<script|\bsrc=|https?:/i);
    expect(html).not.toContain('SIMULATED');
    const banner = 'SIMULATED DATA — test';
    expect(rtdHtml(rows, { ...context, simulated: banner })).toContain(
      `<p class="simulated" role="note">${banner}</p>`,
    );
    expect(rtdMarkdown(rows, { ...context, simulated: banner })).toContain(`> **${banner}**`);
    expect(rtdText(rows, { ...context, simulated: banner }).split('\n')[0]).toBe(banner);
    // the one tie joins two organisations inside the cluster: E-I = (0 − 1) / (0 + 1) = −1
    expect(rows[0].eiIndex).toBe(-1);
    expect(charts[1]).toContain('>-1.00</text>');
    // all ties intra-cluster: one bar, 0 to 100 % of the axis (x from 0 to 100 over the plot width)
    expect(charts[0]).toContain('intra-cluster');
  });
});
