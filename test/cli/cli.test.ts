import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, copyExample, EXAMPLE, runCli, spawn, tempDir } from '../helpers.ts';

function info(db: string): { rows: Record<string, number>; imports: unknown[] } {
  const r = runCli(['info', db, '--json']);
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

describe('milieu CLI', () => {
  it('--help lists every command with a description and examples', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    for (const cmd of ['init', 'import', 'validate', 'info', 'export', 'network', 'demo']) {
      expect(r.stdout).toMatch(new RegExp(`\\n  ${cmd}\\b.*\\S`));
      expect(r.stdout).toContain(`$ milieu ${cmd}`);
    }
  });

  it('ends once its output is out: a reader that starts late still gets all of it', () => {
    const db = join(tempDir(), 'f.duckdb');
    expect(runCli(['import', db, EXAMPLE, '-q']).status).toBe(0);
    const args = ['measure', db, '--region', 'fenland', '--json'];
    const whole = runCli(args);
    expect(whole.status).toBe(0);
    // more than a pipe holds (64 KiB): written at once and then exited, the rest would be lost
    expect(whole.stdout.length).toBeGreaterThan(1 << 16);
    // A reader that starts two seconds late, through the system's pipe.
    const late = spawnSync('sh', ['-c', '"$0" "$@" | (sleep 2; cat)', process.execPath, BIN, ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect(late.status).toBe(0);
    expect(late.stdout).toBe(whole.stdout);
  }, 60_000);

  it('exits 2 on usage errors and unknown formats', () => {
    expect(runCli(['import']).status).toBe(2);
    expect(runCli(['import', join(tempDir(), 'x.duckdb'), EXAMPLE, '--format', 'xml']).status).toBe(2);
    expect(runCli(['info', join(tempDir(), 'missing.duckdb')]).status).toBe(2);
  });

  it('bad packages: exit 2, file:line [column] errors, database unchanged', () => {
    const work = tempDir();
    const db = join(work, 'c.duckdb');
    // the database already holds some other data, which must survive every failed import
    mkdirSync(join(work, 'other'));
    writeFileSync(join(work, 'other', 'organisations.csv'), 'id,kind\nzz-1,sme\nzz-2,university\n');
    writeFileSync(join(work, 'other', 'ties.csv'), 'source,target,kind\nzz-1,zz-2,collaboration\n');
    expect(runCli(['import', db, join(work, 'other'), '-q']).status).toBe(0);
    const before = info(db);
    expect(before.rows.organisations).toBe(2);
    const cases: [string, (dir: string) => void, RegExp][] = [
      [
        'duplicate id',
        (d) => appendFileSync(join(d, 'organisations.csv'), 'sme-prism,X,sme,,,,,,,,,\n'),
        /organisations\.csv:20 \[id\]: duplicate id 'sme-prism'/,
      ],
      [
        'dangling tie',
        (d) => appendFileSync(join(d, 'ties.csv'), 'sme-prism,ghost,collaboration,,,\n'),
        /ties\.csv:15 \[target\]: unknown organisation 'ghost'/,
      ],
      [
        'text in a year',
        (d) => writeFileSync(join(d, 'spinoffs.csv'), 'child,parent,year\nsme-zz,uni-fen,early\n'),
        /spinoffs\.csv:2 \[year\]: not a whole number: 'early'/,
      ],
      [
        'spin-off cycle',
        (d) => appendFileSync(join(d, 'spinoffs.csv'), 'ri-mrc,sme-helix,2005,1\n'),
        /spinoffs\.csv:10 \[parent\]: spin-off cycle/,
      ],
    ];
    for (const [, breakIt, expected] of cases) {
      const dir = copyExample();
      breakIt(dir);
      const r = runCli(['import', db, dir, '-q']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).toContain('the database is unchanged');
      expect(info(db)).toEqual(before);
    }
  });

  it('validate checks without writing and exits 0 or 2', () => {
    const ok = runCli(['validate', EXAMPLE]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^valid: 85 rows in 12 tables/);
    const dir = copyExample();
    appendFileSync(join(dir, 'ties.csv'), 'sme-prism,ghost,collaboration,,,\n');
    const bad = runCli(['validate', dir]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/1 problem\)/);
  });

  it('prints at most 50 errors and counts the rest', () => {
    const dir = copyExample();
    appendFileSync(
      join(dir, 'ties.csv'),
      Array.from({ length: 60 }, (_, i) => `sme-prism,ghost-${i},collaboration,,,\n`).join(''),
    );
    const r = runCli(['validate', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('(60 problems)');
    expect(r.stderr.match(/ghost-/g)).toHaveLength(50);
    expect(r.stderr).toContain('… and 10 more');
  });

  it('a process killed in the middle of an import leaves the database as it was', async () => {
    const work = tempDir();
    const db = join(work, 'k.duckdb');
    expect(runCli(['import', db, EXAMPLE, '-q']).status).toBe(0);
    const before = info(db);
    // A package big enough that the transaction is still open when the kill lands.
    const pkg = join(work, 'big');
    mkdirSync(pkg);
    const n = 300_000;
    const orgs = ['id,name,kind,founded'];
    const ties = ['source,target,kind,start'];
    for (let i = 0; i < n; i++) {
      orgs.push(`o${i},Firm ${i},sme,${1950 + (i % 70)}`);
      ties.push(`o${i},o${(i * 7919 + 1) % n},collaboration,2000`);
    }
    writeFileSync(join(pkg, 'organisations.csv'), `${orgs.join('\n')}\n`);
    writeFileSync(join(pkg, 'ties.csv'), `${ties.join('\n')}\n`);
    const child = spawn(process.execPath, [BIN, 'import', db, pkg], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const killedAt = await new Promise<string>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = /writing (\w+)/.exec(stderr);
        if (m && !child.killed) {
          child.kill('SIGKILL');
          resolve(m[1]);
        }
      });
      child.on('exit', () => resolve('exit'));
    });
    await new Promise((r) => child.on('close', r));
    expect(killedAt).not.toBe('exit');
    expect(child.signalCode).toBe('SIGKILL');
    expect(info(db)).toEqual(before);
    // and the store still takes the import afterwards
    expect(runCli(['import', db, pkg, '-q']).status).toBe(0);
    expect(info(db).rows.organisations).toBe(18 + n);
  });

  it('exports a package and JSON that import back to the same rows, and a network as GEXF/GraphML', async () => {
    const work = tempDir();
    const db = join(work, 'e.duckdb');
    expect(runCli(['import', db, EXAMPLE, '-q']).status).toBe(0);
    const original = info(db).rows;
    for (const format of ['package', 'json']) {
      const out = join(work, format === 'json' ? 'out.json' : 'out-pkg');
      expect(runCli(['export', db, out, '--format', format]).status).toBe(0);
      const db2 = join(work, `${format}.duckdb`);
      const r = runCli(['import', db2, out, '-q', '--format', format]);
      expect(r.stderr).toBe('');
      expect(info(db2).rows).toEqual(original);
    }
    expect(runCli(['export', db, join(work, 'pq'), '--format', 'parquet']).status).toBe(0);
    expect(existsSync(join(work, 'pq', 'organisations.parquet'))).toBe(true);

    const gexf = join(work, 'n.gexf');
    const graphml = join(work, 'n.graphml');
    expect(runCli(['export', db, gexf, '--format', 'gexf']).status).toBe(0);
    expect(runCli(['export', db, graphml, '--format', 'graphml']).status).toBe(0);
    const { UndirectedGraph } = await import('graphology');
    const { parse: parseGexf } = await import('graphology-gexf');
    const { parse: parseGraphml } = await import('graphology-graphml');
    const summary = JSON.parse(runCli(['network', db, '--json']).stdout);
    for (const g of [
      parseGexf(UndirectedGraph, readFileSync(gexf, 'utf8')),
      parseGraphml(UndirectedGraph, readFileSync(graphml, 'utf8')),
    ]) {
      expect(g.order).toBe(summary.nodes);
      expect(g.size).toBe(summary.edges);
      expect(g.getNodeAttribute('sme-prism', 'kind')).toBe('sme');
      // lab-ibm – uni-fen: one rd-project tie of weight 3
      expect(Number(g.getEdgeAttribute(g.edge('lab-ibm', 'uni-fen'), 'weight'))).toBe(3);
    }
  });
});
