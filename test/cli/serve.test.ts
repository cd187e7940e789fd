// `milieu serve` from the command line: loopback by default, the URL printed, bad input exit 2.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoDatabase } from '../server/fixture-store.ts';
import { BIN, runCli, spawn, tempDir } from '../helpers.ts';

let db: string;
const children: ReturnType<typeof spawn>[] = [];

beforeAll(async () => {
  db = join(tempDir(), 'demo.duckdb');
  await buildDemoDatabase(db);
});
afterAll(() => {
  for (const c of children) c.kill('SIGTERM');
});

describe('milieu serve', () => {
  it('listens on 127.0.0.1 by default, prints the URL and answers the API', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', db, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c) => {
        out += c;
        const m = /(http:\/\/\S+)\/\n/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const info = (await (await fetch(`${url}/api/info`)).json()) as { source: string; organisations: number };
    expect(info.source).toBe(db);
    expect(info.organisations).toBeGreaterThan(0);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a missing database, a bad port or a missing --nuts file with exit 2', () => {
    const missing = runCli(['serve', join(tempDir(), 'none.duckdb')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no Milieu database/);
    const port = runCli(['serve', db, '--port', 'http']);
    expect(port.status).toBe(2);
    expect(port.stderr).toMatch(/--port takes a whole number/);
    const nuts = runCli(['serve', db, '--nuts', '/nonexistent/nuts.geojson']);
    expect(nuts.status).toBe(2);
    expect(nuts.stderr).toMatch(/--nuts: no such file/);
  });
});
