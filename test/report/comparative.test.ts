import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { readPackage } from '../../src/io/package.ts';
import { type Comparison, compareRegions } from '../../src/measures/index.ts';
import type { VerdictRow } from '../../src/model/findings.ts';
import { withRegionContext } from '../../src/regions/arguments.ts';
import { type ReportInput, simulatedImports } from '../../src/report/comparative.ts';
import { buildReport } from '../../src/report/comparative-html.ts';
import { reportOnStore } from '../../src/report/from-store.ts';
import { importSource } from '../../src/store/import.ts';
import { openStore } from '../../src/store/store.ts';
import { EXAMPLE } from '../helpers.ts';

/** Every `<figure class="chart">…</figure>` of a page. */
const figures = (html: string) => html.match(/<figure class="chart">[\s\S]*?<\/figure>/g) ?? [];

describe('the comparative report', () => {
  let comparison: Comparison;
  let input: ReportInput;

  beforeAll(async () => {
    const store = await openStore(':memory:');
    await importSource(store, 'package', EXAMPLE, readPackage);
    const dataset = withRegionContext(await loadDataset(store));
    store.close();
    comparison = compareRegions(dataset, ['fenland', 'UKH1', 'cambridge'], {}, { seed: 1 });
    input = {
      title: 'Test report',
      source: 'fenland.duckdb',
      comparison,
      regionNames: ['Fenland', 'East Anglia', 'Cambridge'],
      simulated: null,
      provenance: { milieuVersion: '0.1.0', inputHashes: ['abc'], parameters: { seed: 1 } },
    };
  });

  it('is one self-contained page: no script, no external URL, an SVG in every chart', () => {
    const { html } = buildReport(input);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/\bhref=/i);
    expect(html).not.toMatch(/https?:|\/\/cdn|@import|url\(/i);
    const charts = figures(html);
    // learning index, tie scope, and the four single-indicator bar charts
    expect(charts.length).toBe(6);
    for (const f of charts) expect(f).toMatch(/<svg[^>]*viewBox="0 0 640 \d+"/);
  });

  it('shows every value of compareRegions in its cell, unrounded in data-value and rounded in the text', () => {
    const { html, markdown } = buildReport(input);
    const all = html.slice(html.indexOf('<table id="all">'));
    let checked = 0;
    for (const row of comparison.rows) {
      const tr = all.match(new RegExp(`<tr data-measure="${row.name.replaceAll('.', '\\.')}">(.*?)</tr>`));
      expect(tr, row.name).not.toBeNull();
      const cells = [...tr![1].matchAll(/<td( data-value="([^"]*)")?[^>]*>([^<]*)<\/td>/g)].slice(1);
      expect(cells.length).toBe(3);
      row.values.forEach((v, i) => {
        const [, , dataValue, text] = cells[i];
        if (v === null) {
          expect(dataValue).toBeUndefined();
          expect(text).toBe('–');
          return;
        }
        expect(Number(dataValue)).toBe(v);
        // the text is the value (as a percentage for shares) rounded to the row's digits
        const shown = Number(text.replaceAll(',', ''));
        const digits = (text.split('.')[1] ?? '').length;
        const expected = row.unit === 'share' ? 100 * v : v;
        expect(Math.abs(shown - expected)).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-9);
        checked++;
      });
      expect(markdown).toContain(`| ${row.name} |`);
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('draws the E-I index bars with the values of compareRegions', () => {
    const { html } = buildReport(input);
    const ei = comparison.rows.find((r) => r.name === 'ties.eiIndex')!;
    const chart = figures(html).find((f) => f.includes('<h3>ties.eiIndex</h3>'))!;
    for (const v of ei.values) if (v !== null) expect(chart).toContain(`>${v.toFixed(3)}</text>`);
  });

  it('says findings are not yet checked without verdicts, and renders them when given', () => {
    const { html, markdown } = buildReport(input);
    expect(html).toContain('Findings: not yet checked.');
    expect(markdown).toContain('Findings: not yet checked.');
    const verdict: VerdictRow = {
      finding: 'spinoff-university-share',
      region: 'fenland',
      verdict: 'inconclusive',
      effect: 0.125,
      effectName: 'share of SMEs',
      low: 0.05,
      high: 0.3,
      level: 0.95,
      pValue: 0.4321,
      n: 8,
      values: {},
      note: 'needs about 40 more SMEs',
    };
    const withVerdicts = buildReport({ ...input, verdicts: [verdict] });
    expect(withVerdicts.html).not.toContain('not yet checked');
    expect(withVerdicts.html).toMatch(
      /<tr class="verdict-inconclusive"><td>spinoff-university-share<\/td><td>fenland<\/td><td>inconclusive<\/td><td>0\.125 share of SMEs<\/td><td>0\.050 to 0\.300 \(95%\)<\/td><td>0\.432<\/td><td>8<\/td><td>needs about 40 more SMEs<\/td><\/tr>/,
    );
    expect(withVerdicts.markdown).toContain(
      '| spinoff-university-share | fenland | inconclusive | 0.125 share of SMEs | 0.050 to 0.300 (95%) | 0.432 | 8 | needs about 40 more SMEs |',
    );
  });

  it('says SIMULATED at the top and bottom, and on every printed page, when the store holds runs', () => {
    expect(simulatedImports(['package', 'cordis'])).toBeNull();
    const simulated = simulatedImports(['simulation seed=1 scenario=sha256:ab', 'package']);
    expect(simulated).toEqual({ runs: 1, imports: 2 });
    const { html, markdown } = buildReport({ ...input, simulated });
    expect(html.match(/<p class="simulated[^"]*" role="note">SIMULATED DATA/g)?.length).toBe(2);
    expect(html).toContain('@media print{.simulated.top{position:fixed');
    expect(html).toContain('<title>Test report (SIMULATED)</title>');
    expect(html).toContain('1 of the 2 imports of this store are simulation runs');
    expect(markdown.match(/SIMULATED DATA/g)?.length).toBe(2);
    expect(markdown).toContain('show that the machinery works, not evidence');
    expect(buildReport(input).html).not.toContain('SIMULATED');
  });

  it('takes the verdicts from a function of the Dataset and regions it reports on', async () => {
    const store = await openStore(':memory:');
    await importSource(store, 'package', EXAMPLE, readPackage);
    try {
      const report = await reportOnStore(store, {
        regions: 'fenland,UKH1',
        seed: 7,
        verdicts: (dataset, regions, seed) =>
          regions.map((r) => ({
            finding: 'hook',
            region: r.id,
            verdict: 'not testable here' as const,
            effect: null,
            effectName: '',
            low: null,
            high: null,
            level: null,
            pValue: null,
            n: dataset.organisations.count,
            values: {},
            note: `seed ${seed}`,
          })),
      });
      // the Fenland package has 18 organisations
      expect(report.markdown).toContain('| hook | fenland | not testable here | – | – | – | 18 | seed 7 |');
      expect(report.markdown).toContain('| hook | UKH1 | not testable here | – | – | – | 18 | seed 7 |');
      expect(report.html).not.toContain('not yet checked');
    } finally {
      store.close();
    }
  });

  it('is the same bytes for the same store and seed', async () => {
    const make = async () => {
      const store = await openStore(':memory:');
      await importSource(store, 'package', EXAMPLE, readPackage);
      try {
        return await reportOnStore(store, { regions: 'fenland,UKH1' });
      } finally {
        store.close();
      }
    };
    const [a, b] = [await make(), await make()];
    expect(a.html).toBe(b.html);
    expect(a.markdown).toBe(b.markdown);
    expect(a.simulated).toBe(false);
    expect(a.regionNames).toEqual(['Fenland technology cluster', 'East Anglia']);
  });
});
