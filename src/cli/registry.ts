/**
 * The commands of `milieu`, one spec per command: what `milieu --help` lists, without loading any
 * command's module. `main` imports only the module of the command that runs (and through it DuckDB,
 * the measure families, …), so `milieu --version` and `milieu --help` start in a fraction of the time.
 *
 * To add a command: write `commands/<name>.ts` exporting `register(program)`, then add one line here.
 * A test checks that each spec's usage and description match what its module registers.
 */
import type { Command } from 'commander';

export interface CommandModule {
  register(program: Command): void;
}

export interface CommandSpec {
  name: string;
  /** The arguments as commander prints them, e.g. `<db> <path>`; '' when there are none. */
  usage: string;
  description: string;
  load: () => Promise<CommandModule>;
  /** The process lives on after the action returns (a server): it is not ended when the action is done (see `run`). */
  keepsRunning?: boolean;
}

// Literal import paths, so that the build rewrites them to the compiled `.js` files.
export const COMMANDS: CommandSpec[] = [
  {
    name: 'init',
    usage: '<db>',
    description: 'create an empty Milieu database file',
    load: () => import('./commands/init.ts'),
  },
  {
    name: 'import',
    usage: '<db> <path>',
    description:
      'import a package, JSON file, CORDIS export, acquisition list or GEXF/GraphML network into a database, all or nothing',
    load: () => import('./commands/import.ts'),
  },
  {
    name: 'validate',
    usage: '<path>',
    description: 'check an input without writing anything (exit 2 and errors when invalid)',
    load: () => import('./commands/validate.ts'),
  },
  {
    name: 'info',
    usage: '<db>',
    description: 'row counts per table, years covered, countries, regions and imports of a database',
    load: () => import('./commands/info.ts'),
  },
  {
    name: 'export',
    usage: '<db> <out>',
    description: 'write a database out as a package, JSON, Parquet files, or its network as GEXF/GraphML',
    load: () => import('./commands/export.ts'),
  },
  {
    name: 'network',
    usage: '<db>',
    description: 'summary of the tie network: size, components, density, clustering, edges by kind pair',
    load: () => import('./commands/network.ts'),
  },
  {
    name: 'measure',
    usage: '<db>',
    description: 'compute every measure family (or one) for a region and a period',
    load: () => import('./commands/measure.ts'),
  },
  {
    name: 'compare',
    usage: '<db>',
    description:
      'regions side by side: one row per measure, one column per region, with the collective learning index',
    load: () => import('./commands/compare.ts'),
  },
  {
    name: 'check',
    usage: '<db>',
    description:
      'check the findings of the ten-cluster study (docs/findings.md) as hypotheses: a verdict per finding and region',
    load: () => import('./commands/check.ts'),
  },
  {
    name: 'regions',
    usage: '',
    description:
      'study regions: the ten European clusters shipped with Milieu, plus your own (docs/regions.md)',
    load: () => import('./commands/regions.ts'),
  },
  {
    name: 'resolve',
    usage: '<db>',
    description:
      "find every organisation's NUTS-3 region (source code, coordinates, or city name) and store it",
    load: () => import('./commands/resolve.ts'),
  },
  {
    name: 'rtd',
    usage: '<db>',
    description: 'European R&D linkages of study regions from Framework Programme participations',
    load: () => import('./commands/rtd.ts'),
  },
  {
    name: 'acquisitions',
    usage: '<db>',
    description:
      "acquisitions of each study region's firms: per year, foreign share, acquirers' home countries",
    load: () => import('./commands/acquisitions.ts'),
  },
  {
    name: 'introduce',
    usage: '<db>',
    description: 'who should meet whom: explained recommendations of organisations to introduce in a region',
    load: () => import('./commands/introduce.ts'),
  },
  {
    name: 'simulate',
    usage: '',
    description: 'run the cluster simulator on a scenario and store the run as a dataset (docs/model.md)',
    load: () => import('./commands/simulate.ts'),
  },
  {
    name: 'ensemble',
    usage: '',
    description:
      'run scenarios many times on worker threads and compare them as paired counterfactuals (docs/ensembles.md)',
    load: () => import('./commands/ensemble.ts'),
  },
  {
    name: 'sweep',
    usage: '',
    description:
      'run a scenario at each point of a grid or Latin hypercube over its parameters (docs/ensembles.md)',
    load: () => import('./commands/sweep.ts'),
  },
  {
    name: 'calibrate',
    usage: '',
    description:
      "fit a scenario's parameters to an observed region's measures by approximate Bayesian computation (docs/ensembles.md)",
    load: () => import('./commands/calibrate.ts'),
  },
  {
    name: 'report',
    usage: '<db>',
    description: 'a comparative report of regions (measures, learning index, charts) as HTML and Markdown',
    load: () => import('./commands/report.ts'),
  },
  {
    name: 'demo',
    usage: '',
    description:
      'the main job: simulate the ten-cluster demo (or reuse it), compare the clusters and write the report',
    load: () => import('./commands/demo.ts'),
  },
  {
    name: 'serve',
    usage: '[db]',
    description: 'serve the dashboard and its JSON API on a database (read-only)',
    load: () => import('./commands/serve.ts'),
    keepsRunning: true,
  },
];
