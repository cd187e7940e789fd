import type { Command } from 'commander';
import { formatTable, printJson, printText } from '../output.ts';

export function register(program: Command): void {
  const regions = program
    .command('regions')
    .description(
      'study regions: the ten European clusters shipped with Milieu, plus your own (docs/regions.md)',
    );
  regions
    .command('list')
    .description('list the study regions: id, name, country, NUTS codes, localities')
    .option(
      '--regions-file <path>',
      'a JSON file of regions to add (same format as regions/ten-clusters.json)',
    )
    .option('--json', 'print JSON', false)
    .addHelpText(
      'after',
      '\nExamples:\n  $ milieu regions list\n  $ milieu regions list --regions-file my-regions.json --json',
    )
    .action(async (opts) => {
      const { loadStudyRegions } = await import('../../regions/definitions.ts');
      const list = loadStudyRegions({ regionsFile: opts.regionsFile });
      if (opts.json) return printJson(list);
      printText(
        formatTable(
          ['id', 'name', 'country', 'NUTS', 'localities'],
          list.map((r) => [r.id, r.name, r.country, r.nuts.join(' '), r.localities.length]),
        ),
      );
    });
  regions
    .command('show')
    .description('one study region (or a NUTS code used as a region): its NUTS codes and localities')
    .argument('<id>', 'region id or NUTS code')
    .option('--regions-file <path>', 'a JSON file of regions to add')
    .option(
      '--nuts-codes <path>',
      "NUTS code list (CSV with NUTS_ID, LEVL_CODE, NAME_LATN) for the codes' names (default: the NUTS 2021 list shipped in regions/)",
    )
    .option('--json', 'print JSON', false)
    .addHelpText('after', '\nExamples:\n  $ milieu regions show munich\n  $ milieu regions show DE21H --json')
    .action(async (id: string, opts) => {
      const { findStudyRegion, loadNutsCodes, loadStudyRegions } = await import(
        '../../regions/definitions.ts'
      );
      const { nuts2021Codes } = await import('../../model/nuts.ts');
      const codes = opts.nutsCodes ? loadNutsCodes(String(opts.nutsCodes)) : nuts2021Codes();
      const region = findStudyRegion(loadStudyRegions({ regionsFile: opts.regionsFile }), id, codes);
      const nuts = region.nuts.map((code) => {
        const c = codes?.get(code);
        return { code, level: c?.level ?? code.length - 2, name: c ? c.name : codes ? null : undefined };
      });
      if (opts.json) return printJson({ ...region, nuts });
      const out = [`${region.name} (${region.id}), ${region.country}`];
      if (region.description) out.push(region.description);
      out.push(
        '',
        formatTable(
          ['NUTS', 'level', 'name'],
          nuts.map((n) => [n.code, n.level, n.name === null ? '(not in the code list)' : (n.name ?? '')]),
        ),
      );
      if (region.localities.length > 0) {
        out.push(
          '',
          formatTable(
            ['locality', 'English', 'other spellings'],
            region.localities.map((l) => [l.name, l.english ?? '', (l.aliases ?? []).join(', ')]),
          ),
        );
      }
      printText(out.join('\n'));
    });
}
