/** Which reader reads which `--format`. Readers load only when their format is used. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import type { Reader } from '../store/reader.ts';

export const FORMATS = ['package', 'json', 'cordis', 'acquisitions', 'gexf', 'graphml'] as const;
export type Format = (typeof FORMATS)[number];

export function guessFormat(path: string): Format {
  if (path.toLowerCase().endsWith('.json')) return 'json';
  if (path.toLowerCase().endsWith('.gexf')) return 'gexf';
  if (path.toLowerCase().endsWith('.graphml')) return 'graphml';
  return 'package';
}

export async function readerFor(format: string): Promise<Reader> {
  switch (format) {
    case 'package':
      return (await import('../io/package.ts')).readPackage;
    case 'json':
      return (await import('../io/json.ts')).readJson;
    case 'cordis':
      return (await import('../io/cordis/index.ts')).readCordis;
    case 'acquisitions':
      return (await import('../io/acquisitions.ts')).readAcquisitions;
    case 'gexf':
      return (await import('../io/graph-file.ts')).readGexf;
    case 'graphml':
      return (await import('../io/graph-file.ts')).readGraphml;
    default:
      throw new UsageError('cli', `unknown format '${format}' (expected one of: ${FORMATS.join(', ')})`);
  }
}

/** Formats read from one file, which can therefore come from standard input (`-`). */
const SINGLE_FILE: Record<string, string> = {
  json: 'json',
  cordis: 'csv',
  acquisitions: 'csv',
  gexf: 'gexf',
  graphml: 'graphml',
};

/**
 * The path to read for an input argument: `-` is standard input, copied to a temporary file (the
 * readers need a file: DuckDB's CSV scanner, hashes, line numbers), removed by `done()`.
 */
export function inputPath(path: string, format: string, option = 'input'): { path: string; done(): void } {
  if (path !== '-') return { path, done() {} };
  const ext = SINGLE_FILE[format];
  if (ext === undefined) {
    throw new UsageError(
      'cli',
      `${option} '-' reads standard input, which holds one file: use --format ${Object.keys(SINGLE_FILE).join('|')} (a ${format} input is a folder)`,
    );
  }
  return optionFile(path, ext);
}

/** A single input file given as an option (e.g. `--indicators -`): `-` is standard input. */
export function optionFile(path: string, ext: string): { path: string; done(): void } {
  if (path !== '-') return { path, done() {} };
  const dir = mkdtempSync(join(tmpdir(), 'milieu-stdin-'));
  const file = join(dir, `stdin.${ext}`);
  writeFileSync(file, readFileSync(0));
  return { path: file, done: () => rmSync(dir, { recursive: true, force: true }) };
}
