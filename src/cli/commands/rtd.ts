import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { formatPercent, formatValue } from '../../report/format.ts';
import { openStore } from '../../store/store.ts';
import { outputWidth, printJson } from '../output.ts';
import { provenance } from '../report-output.ts';
import { optionFile } from '../sources.ts';

export function register(program: Command): void {
  program
    .command('rtd')
    .description('European R&D linkages of study regions from Framework Programme participations')
    .argument('<db>', 'database file with CORDIS data (run milieu resolve first to place organisations)')
    .option(
      '-r, --regions <list>',
      "'ten' for the ten study clusters, or comma-separated region ids / NUTS codes",
      'ten',
    )
    .option('--regions-file <file>', 'JSON file of extra study regions (see docs/regions.md)')
    .option(
      '--indicators <file>',
      'NUTS-2 indicator table (e.g. nuts2-indicators.csv, - for stdin) for HRST beside each cluster',
    )
    .option('--top <n>', 'gatekeepers and central organisations listed per cluster', '5')
    .option('--json', 'print JSON', false)
    .option('--csv', 'print the cluster table as CSV', false)
    .option('--markdown <file>', 'also write the report as a Markdown section')
    .option('--html <file>', 'also write the report as an HTML page')
    .addHelpText(
      'after',
      '\nExample:\n  $ milieu rtd h2020.duckdb --regions ten --indicators ../shared/data/regional/nuts2-indicators.csv',
    )
    .action(async (db: string, opts) => {
      const { loadDataset } = await import('../../dataset/load.ts');
      const { builtInRegions, findStudyRegion, loadStudyRegions, toRegionDefinition } = await import(
        '../../regions/definitions.ts'
      );
      const { loadResolutions } = await import('../../store/resolutions.ts');
      const { rtdLinkages } = await import('../../report/rtd.ts');
      const { rtdText, rtdMarkdown, rtdHtml, rtdHeaders, rtdRows } = await import(
        '../../report/rtd-format.ts'
      );
      const study = loadStudyRegions({ regionsFile: opts.regionsFile });
      const chosen =
        opts.regions === 'ten'
          ? builtInRegions().map((r) => findStudyRegion(study, r.id))
          : String(opts.regions)
              .split(',')
              .map((id) => findStudyRegion(study, id));
      const store = await openStore(db, { create: false, readOnly: true });
      try {
        const dataset = await loadDataset(store);
        const resolutions = await loadResolutions(store);
        const resolution = resolutions
          ? describeResolution(resolutions.method, resolutions.stale)
          : 'not resolved (run milieu resolve): organisations are placed by their NUTS code or locality name only';
        const rows = rtdLinkages(dataset, chosen.map(toRegionDefinition), { top: Number(opts.top) });
        const context: { resolution: string; hrst?: Map<string, number | null> } = { resolution };
        if (opts.indicators) {
          const { readRegionalIndicators, regionContext } = await import('../../io/regional-indicators.ts');
          const file = optionFile(String(opts.indicators), 'csv');
          let table: ReturnType<typeof readRegionalIndicators>;
          try {
            table = readRegionalIndicators(file.path);
          } finally {
            file.done();
          }
          context.hrst = new Map(
            chosen.map((r) => {
              const ind = regionContext(table, r).indicators.find((i) => i.name === 'context.hrht');
              return [r.id, ind?.value ?? null];
            }),
          );
        }
        if (opts.markdown) writeFileSync(opts.markdown, rtdMarkdown(rows, context));
        if (opts.html) writeFileSync(opts.html, rtdHtml(rows, context));
        if (opts.json) {
          printJson({
            ...provenance(dataset, { regions: chosen.map((r) => r.id), top: Number(opts.top) }),
            resolution,
            clusters: rows,
            hrst: context.hrst ? Object.fromEntries(context.hrst) : undefined,
          });
        } else if (opts.csv) {
          const lines = [rtdHeaders(context), ...rtdRows(rows, context)].map((r) =>
            r
              .map((v) =>
                v === null ? '' : /[",]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v),
              )
              .join(','),
          );
          process.stdout.write(`${lines.join('\n')}\n`);
        } else process.stdout.write(`${rtdText(rows, context, outputWidth())}\n`);
      } finally {
        store.close();
      }
    });
}

function describeResolution(methods: string[], stale: boolean): string {
  const counts = new Map<string, number>();
  for (const m of methods) counts.set(m, (counts.get(m) ?? 0) + 1);
  const total = methods.length || 1;
  const parts = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => `${m} ${formatValue(n)} (${formatPercent(n / total)})`);
  return `${parts.join(', ')}${stale ? ' — stale: the store changed since milieu resolve ran' : ''}`;
}
