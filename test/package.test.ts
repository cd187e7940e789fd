/**
 * The package as a user gets it: `npm pack` (which builds dist/ through `prepare`), installed into an
 * empty folder, then `milieu --help`, `milieu demo --fenland`, `milieu report` and the library from there. Slow
 * (a build and an install, from npm's cache when it holds the dependencies), so one file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.ts';

function sh(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

let installed: string | null = null;

describe('npm package', () => {
  it('packs, installs into an empty folder, and runs there', { timeout: 300_000 }, () => {
    const work = tempDir('milieu-pack-');
    sh('npm', ['pack', '--silent', '--pack-destination', work], ROOT);
    const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tgz).toBeDefined();
    const app = join(work, 'app');
    sh('mkdir', [app], work);
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true, "type": "module" }\n');
    sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tgz!)], app);
    const bin = join(app, 'node_modules/.bin/milieu');

    const help = sh(bin, ['--help'], app);
    expect(help).toMatch(/Usage: milieu/);
    expect(help).toMatch(/\n {2}demo\b/);

    // the small example, from the installed copy (its bundled package and compiled code)
    const demo = sh(bin, ['demo', '--fenland', '--db', 'fen.duckdb'], app);
    expect(demo).toContain(join(app, 'node_modules/milieu/examples/fenland'));
    expect(demo).toMatch(/organisations\s+18\n/);
    expect(demo).toMatch(/nodes\s+18\n/);
    // init copies the empty store made at build time (beside the bundled DuckDB client), and the
    // copy is a store like any other
    expect(existsSync(join(app, 'node_modules/milieu/dist/vendor/empty-store.duckdb'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/milieu/dist/vendor/duckdb-node-api.cjs'))).toBe(true);
    sh(bin, ['init', 'copied.duckdb'], app);
    expect(
      sh(bin, ['import', 'copied.duckdb', join(app, 'node_modules/milieu/examples/fenland'), '-q'], app),
    ).toMatch(/import #1: regions 1, organisations 18/);
    // the report of the main job, compiled: Observable Plot and its server-side DOM load and draw
    sh(bin, ['report', 'fen.duckdb', '--html', 'fen.html', '-q'], app);
    expect(readFileSync(join(app, 'fen.html'), 'utf8')).toMatch(/<figure class="chart">.*?<svg/s);
    // the main job's scenarios ship with the package (the job itself is timed in docs/benchmarks.md)
    expect(readdirSync(join(app, 'node_modules/milieu/examples/scenarios/ten')).length).toBe(10);

    // the library, as compiled JavaScript: no TypeScript loader needed
    writeFileSync(
      join(app, 'use.js'),
      [
        "import { DuckDBConnection } from '@duckdb/node-api';",
        "import { MILIEU_VERSION, networkSummary, openStore } from 'milieu';",
        // a library user's DuckDB and Milieu's are one copy (the command line's bundle is not loaded)
        "const store = await openStore(':memory:');",
        'console.log(MILIEU_VERSION, typeof networkSummary, store.connection instanceof DuckDBConnection);',
        'store.close();',
      ].join('\n'),
    );
    expect(sh(process.execPath, ['use.js'], app).trim()).toBe('0.1.0 function true');
    installed = app;
  });

  it('ships the built dashboard and the NUTS polygons, and serves them from the installed copy', async () => {
    expect(installed).not.toBeNull();
    const app = installed!;
    const root = join(app, 'node_modules/milieu');
    expect(existsSync(join(root, 'dist/web/index.html'))).toBe(true);
    expect(existsSync(join(root, 'regions/NUTS_RG_60M_2021_4326.geojson'))).toBe(true);
    const child = spawn(join(app, 'node_modules/.bin/milieu'), ['serve', 'fen.duckdb', '--port', '0'], {
      cwd: app,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c) => {
          out += c;
          const m = /(http:\/\/\S+)\/\n/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const page = await (await fetch(`${url}/`)).text();
      expect(page).toContain('<title>Milieu dashboard</title>');
      // no external URL: every script and style is one of the package's own files
      expect(page).not.toMatch(/(src|href)="https?:/);
      const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(page)![1];
      expect((await fetch(`${url}/${script}`)).status).toBe(200);
      expect((await fetch(`${url}/api/nuts.geojson`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
