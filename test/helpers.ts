import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const EXAMPLE = join(ROOT, 'examples/fenland');
export const SHARED_DATA = join(ROOT, '../shared/data');
// The CLI from the sources (scripts/milieu-dev.js), never a possibly stale dist/.
const BIN = join(ROOT, 'scripts/milieu-dev.js');

export function tempDir(prefix = 'milieu-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of the example package in a temp folder, for tests that break it. */
export function copyExample(): string {
  const dir = join(tempDir(), 'pkg');
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from the sources; `input` names a file fed to its standard input. */
export function runCli(args: string[], options: { cwd?: string; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: options.cwd ?? ROOT,
    ...(options.input === undefined ? {} : { input: readFileSync(options.input) }),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export { BIN, spawn };
