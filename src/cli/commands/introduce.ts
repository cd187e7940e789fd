import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { checkFileTarget, type OutputOptions, writeFileSafely } from '../../output-target.ts';
import { formatValue } from '../../report/format.ts';
import { openStore } from '../../store/store.ts';
import { wholeNumberOption } from '../option-values.ts';
import { note, printJson, printText } from '../output.ts';
import { provenance } from '../report-output.ts';

export function register(program: Command): void {
  program
    .command('introduce')
    .description('who should meet whom: explained recommendations of organisations to introduce in a region')
    .argument('<db>', 'database file (run milieu resolve first so that organisations have NUTS-3 codes)')
    .requiredOption(
      '-r, --region <region>',
      "region id, NUTS 2021 code, a comma-separated list, or 'ten' for the ten study clusters",
    )
    .option(
      '--pairs <type>',
      'kinds of pairs: firms:knowledge (a firm with a university, research institute or technology centre), firms:firms, or any',
      'firms:knowledge',
    )
    .option('--scope <scope>', 'inside (both in the region) or pipelines (one inside, one outside)', 'inside')
    .option(
      '--as-of <year>',
      'use only information up to the end of this year (default: the latest year in the data)',
    )
    .option('--top <n>', 'recommendations per region', '20')
    .option(
      '--model <name>',
      'fitted (logistic regression fitted on 2016 → 2017, the default) or hand weights',
      'fitted',
    )
    .option(
      '--max-project-size <n>',
      'leave projects with more organisations out of the network (whole number ≥ 2, or none)',
      '30',
    )
    .option('--regions-file <file>', 'JSON file of extra study regions (see docs/regions.md)')
    .option(
      '--multi-site <mode>',
      'multi-site research organisations (regions/multi-site.json): flag, include or exclude',
      'flag',
    )
    .option('--json', 'print JSON (with version, input hashes and parameters)', false)
    .option('--csv <file>', 'also write every recommendation as a CSV table')
    .option('--force', 'replace an existing --csv file (never a database or an input)', false)
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ milieu introduce h2020.duckdb --region munich',
        '  $ milieu introduce h2020.duckdb --region grenoble --pairs any --top 10 --json',
        '  $ milieu introduce h2020.duckdb --region cambridge --scope pipelines --as-of 2017 --csv cambridge.csv',
        '',
        'Each pair has no tie yet; its score combines shared partners (Adamic–Adar, resource allocation),',
        'shared programme parts and sectors, place, kinds and activity (docs/bridging.md).',
      ].join('\n'),
    )
    .action(async (db: string, opts) => {
      const { parsePairType, parseScope, MODEL_NAMES, recommendIntroductions, introductionsCsv } =
        await import('../../bridging/index.ts');
      const { parseMaxProjectSize } = await import('../../measures/common.ts');
      const pairs = parsePairType(String(opts.pairs));
      const scope = parseScope(String(opts.scope));
      const top = wholeNumberOption(opts.top, '--top');
      let asOf: number | undefined;
      if (opts.asOf !== undefined) {
        if (!/^\d{4}$/.test(String(opts.asOf).trim()))
          throw new UsageError('introduce', `--as-of takes a year (four digits), got '${opts.asOf}'`);
        asOf = Number(opts.asOf);
      }
      const model = String(opts.model).trim().toLowerCase();
      if (!(MODEL_NAMES as readonly string[]).includes(model))
        throw new UsageError(
          'introduce',
          `--model must be one of ${MODEL_NAMES.join(', ')}, got '${opts.model}'`,
        );
      const maxProjectSize = parseMaxProjectSize(String(opts.maxProjectSize));
      const csvTarget: OutputOptions = {
        force: Boolean(opts.force),
        protect: [db, opts.regionsFile],
        label: 'CSV table',
      };
      if (typeof opts.csv === 'string') checkFileTarget(opts.csv, csvTarget);
      const { loadDataset } = await import('../../dataset/load.ts');
      const { parseMultiSiteMode, parseRegionArgument, withRegionContext } = await import(
        '../../regions/arguments.ts'
      );
      const multiSite = parseMultiSiteMode(opts.multiSite);
      const store = await openStore(db, { create: false, readOnly: true });
      try {
        const dataset = withRegionContext(await loadDataset(store), {
          regionsFile: opts.regionsFile,
          multiSite,
        });
        const chosen = parseRegionArgument(dataset, String(opts.region), { option: '--region' });
        const results = chosen.map((r) =>
          recommendIntroductions(
            dataset,
            { region: r.id },
            {
              pairs,
              scope,
              top,
              maxProjectSize,
              model: model as (typeof MODEL_NAMES)[number],
              ...(asOf === undefined ? {} : { asOf }),
            },
          ),
        );
        if (typeof opts.csv === 'string') writeFileSafely(opts.csv, introductionsCsv(results), csvTarget);
        if (opts.json) {
          printJson({
            ...provenance(dataset, {
              regions: chosen.map((r) => r.id),
              pairs,
              scope,
              asOf: results[0]?.asOf ?? asOf ?? null,
              top,
              model,
              maxProjectSize: Number.isFinite(maxProjectSize) ? maxProjectSize : 'none',
              multiSite,
            }),
            regions: results,
          });
          return;
        }
        const blocks = results.map((r, i) => {
          const name = chosen[i].name;
          const head = `${name}: ${formatValue(r.candidates)} candidate pairs (${r.pairs}, ${r.scope}), information up to ${r.asOf}, ${r.model} model`;
          const lines = r.recommendations.map(
            (x) =>
              `${x.rank}. ${x.a.name ?? x.a.id} (${x.a.kind}) — ${x.b.name ?? x.b.id} (${x.b.kind}), score ${x.score.toFixed(2)}\n   ${x.explanation}`,
          );
          return [head, ...(lines.length ? lines : ['no candidate pair'])].join('\n');
        });
        printText(blocks.join('\n\n'));
        // notes go to stderr, so that the data on stdout stay clean
        for (const [i, r] of results.entries()) for (const n of r.notes) note(`${chosen[i].name}: ${n}`);
        if (typeof opts.csv === 'string') note(`wrote ${opts.csv}`);
      } finally {
        store.close();
      }
    });
}
