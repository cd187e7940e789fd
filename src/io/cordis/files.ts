/**
 * The files of a CORDIS folder: which layout they make up, their bytes (gunzipped, checked to be
 * UTF-8) and their CSV columns.
 */

import { isUtf8 } from 'node:buffer';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type InputIssue, UsageError } from '../../errors.ts';
import { detectDelimiter, findInvalidUtf8, firstLine } from '../text.ts';
import { type CsvColumns, type CsvField, parseCsvBytes } from './csv.ts';

/**
 * Output chunk size for gunzipping `gz`: the uncompressed size its trailer gives (ISIZE, the size
 * modulo 2^32 of the last member), so that the output comes in one piece, decompressed fastest and
 * not copied. Should the trailer understate the size, the output simply comes in more chunks.
 */
export function gunzipChunkSize(gz: Uint8Array): number {
  const n = gz.length;
  const size = n >= 18 ? (gz[n - 4] | (gz[n - 3] << 8) | (gz[n - 2] << 16) | (gz[n - 1] << 24)) >>> 0 : 0;
  return Math.min(Math.max(size + 64, 1 << 16), 1 << 30);
}

/** A file's bytes (gunzipped when it ends in `.gz`), checked to be UTF-8, or the issue that makes it unreadable. */
export function readBytes(file: string): { bytes: Buffer } | { issue: InputIssue } {
  let bytes = readFileSync(file);
  if (/\.gz$/i.test(file)) {
    try {
      bytes = gunzipSync(bytes, { chunkSize: gunzipChunkSize(bytes) });
    } catch (e) {
      return {
        issue: {
          file,
          line: null,
          column: null,
          reason: `not a readable gzip file: ${(e as Error).message}`,
        },
      };
    }
  }
  if (isUtf8(bytes)) return { bytes };
  const bad = findInvalidUtf8(bytes);
  return {
    issue: {
      file,
      line: bad?.line ?? null,
      column: bad ? `byte ${bad.column}` : null,
      reason: 'not valid UTF-8 (save the file as UTF-8)',
    },
  };
}

export interface CsvFile {
  file: string;
  csv: CsvColumns;
}

/**
 * Reads and parses one CSV file for the given fields; the separator is detected on the header line.
 * Missing required fields and malformed records become issues.
 */
export function readCsv(
  file: string,
  fields: readonly string[],
  required: readonly string[],
  issues: InputIssue[],
  notes: string[],
): CsvFile | null {
  const read = readBytes(file);
  if ('issue' in read) {
    issues.push(read.issue);
    return null;
  }
  const headerLine = firstLine(read.bytes);
  if (headerLine.trim() === '') {
    issues.push({ file, line: 1, column: null, reason: 'empty file: the first line must name the columns' });
    return null;
  }
  const csv = parseCsvBytes(read.bytes, detectDelimiter(headerLine), fields);
  let ok = true;
  for (const name of required) {
    if (csv.columns[name] === undefined) {
      issues.push({ file, line: 1, column: name, reason: 'required column is missing' });
      ok = false;
    }
  }
  for (const p of csv.problems)
    issues.push({ file, line: p.line, column: null, reason: `malformed CSV: ${p.reason}` });
  if (csv.problemCount > csv.problems.length) {
    issues.push({
      file,
      line: null,
      column: null,
      reason: `malformed CSV: ${csv.problemCount - csv.problems.length} more malformed records`,
    });
  }
  if (csv.strayQuoteCount > 0) {
    notes.push(
      `${basename(file)}: ${csv.strayQuoteCount} quoted field(s) contain quotes that are not doubled, read leniently (line ${csv.strayQuotes.join(', ')})`,
    );
  }
  return ok && csv.problemCount === 0 ? { file, csv } : null;
}

export function pick(csv: CsvColumns, ...names: string[]): CsvField | undefined {
  for (const name of names) if (csv.columns[name] !== undefined) return csv.columns[name];
  return undefined;
}

export interface Layout {
  kind: 'official' | 'republished' | 'none';
  organisation?: string;
  project?: string;
  participations?: string;
  h2020Organisations?: string;
  fp7Organisations?: string;
  programmeParts?: string;
}

export const PATTERNS = {
  participations: /participations?\.csv(\.gz)?$/i,
  h2020Organisations: /^h2020-organi[sz]ations.*\.csv(\.gz)?$/i,
  fp7Organisations: /^fp7-organi[sz]ations.*\.csv(\.gz)?$/i,
  programmeParts: /programme-parts?\.csv(\.gz)?$/i,
  // Official exports: `organization.csv` and `project.csv`, or older names such as
  // `cordis-h2020organizations.csv`; the exact names win.
  organisation: /^organi[sz]ations?\.csv(\.gz)?$/i,
  organisationLoose: /organi[sz]ations?\.csv(\.gz)?$/i,
  project: /^projects?\.csv(\.gz)?$/i,
  projectLoose: /projects?\.csv(\.gz)?$/i,
};

/** Which files of a folder (or which single file) make up which layout. */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The files a layout's parse reads (parseOfficial and parseRepublished list them in `files` as they read them). */
export function layoutFiles(layout: Layout): string[] {
  const files =
    layout.kind === 'republished'
      ? [layout.participations, layout.programmeParts, layout.h2020Organisations, layout.fp7Organisations]
      : [layout.organisation, layout.project];
  return files.filter((f) => f !== undefined);
}

export function findLayout(path: string): Layout {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError('io/cordis', `no such file or folder: ${path}`);
  }
  // Only files count: a folder that happens to be named like a CORDIS file is not one.
  const files = st.isDirectory()
    ? readdirSync(path, { withFileTypes: true })
        .filter((e) => e.isFile() || (e.isSymbolicLink() && isFile(join(path, e.name))))
        .map((e) => join(path, e.name))
        .sort()
    : [path];
  const find = (pattern: RegExp) => files.find((f) => pattern.test(basename(f)));
  const participations = find(PATTERNS.participations);
  if (participations !== undefined) {
    return {
      kind: 'republished',
      participations,
      programmeParts: find(PATTERNS.programmeParts),
      h2020Organisations: find(PATTERNS.h2020Organisations),
      fp7Organisations: find(PATTERNS.fp7Organisations),
    };
  }
  const organisation = find(PATTERNS.organisation) ?? find(PATTERNS.organisationLoose);
  if (organisation !== undefined) {
    return { kind: 'official', organisation, project: find(PATTERNS.project) ?? find(PATTERNS.projectLoose) };
  }
  return { kind: 'none' };
}
