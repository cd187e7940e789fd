/**
 * Reader for CORDIS (EU Framework Programme) participation data, parsed in JS. Two layouts are
 * recognised by the file names in the folder (case-insensitive):
 *
 * - official: the CORDIS exports users download, `organization.csv` (one row per participation,
 *   with the organisation's details) and `project.csv`; `;`-separated, quoted.
 * - republished: `h2020-participations.csv.gz` (one row per participation, `NA` for missing values)
 *   joined on the PIC with `h2020-organisations-2017.csv` and `fp7-organisations.csv` for names and
 *   cities, plus `h2020-programme-parts.csv.gz` for each project's programme part.
 *
 * Only organisations that take part in a project become rows. Every row remembers the file and line
 * it comes from (`provenance`), so that staging and validation can point at it. Values that do not
 * parse (text in a number column) are kept as the original text for the store's validator.
 */

import type { InputIssue } from '../../errors.ts';
import type { TableName } from '../../model/index.ts';
import type { Progress, ReadContext, Reader, ReadSummary } from '../../store/reader.ts';
import { hashFiles } from '../text.ts';
import { findLayout } from './files.ts';
import { parseOfficial } from './official.ts';
import { parseRepublished } from './republished.ts';
import { stageTables } from './stage.ts';
import {
  emptyTable,
  ORGANISATION_COLUMNS,
  PARTICIPATION_COLUMNS,
  type Parsed,
  PROJECT_COLUMNS,
  pct,
} from './tables.ts';
import type { CordisResult, CordisStats, CordisTables } from './types.ts';

export { type CsvColumns, CsvField, parseCsvBytes, parseCsvColumns } from './csv.ts';
export type { CordisResult, CordisStats, CordisTable, CordisTables, Provenance } from './types.ts';
export { cityFromAddress, parseNumber } from './values.ts';

/** Parses CORDIS Framework Programme files into raw tables (organisations, projects, participations), all in JS. */
export function parseCordis(path: string, options: { onProgress?: Progress } = {}): CordisResult {
  const layout = findLayout(path);
  const files: string[] = [];
  const issues: InputIssue[] = [];
  const expected = [
    layout.organisation,
    layout.project,
    layout.participations,
    layout.programmeParts,
    layout.h2020Organisations,
    layout.fp7Organisations,
  ].filter((f) => f !== undefined).length;
  let done = 0;
  const progress = () => options.onProgress?.('reading', done++, expected);
  let parsed: Parsed | null = null;
  if (layout.kind === 'official') parsed = parseOfficial(layout, files, issues, progress);
  else if (layout.kind === 'republished') parsed = parseRepublished(layout, files, issues, progress);
  else {
    issues.push({
      file: path,
      line: null,
      column: null,
      reason:
        'no CORDIS files found: expected organization.csv (and project.csv) from a CORDIS export, or h2020-participations.csv.gz (with h2020-organisations-2017.csv, fp7-organisations.csv)',
    });
  }
  options.onProgress?.('reading', expected, expected);
  const stats: CordisStats = {
    layout: layout.kind,
    participationRows: 0,
    duplicateRows: 0,
    organisations: 0,
    projects: 0,
    participations: 0,
    participationsWithCity: 0,
  };
  if (parsed === null || issues.length > 0) {
    return {
      tables: {
        organisations: emptyTable(ORGANISATION_COLUMNS, files),
        projects: emptyTable(PROJECT_COLUMNS, files),
        participations: emptyTable(PARTICIPATION_COLUMNS, files),
      },
      files,
      notes: parsed?.notes ?? [],
      issues,
      stats,
    };
  }
  const { organisations, projects, participations } = parsed;
  const withCity = participations.withCity();
  stats.participationRows = participations.rows;
  stats.duplicateRows = participations.duplicates;
  stats.organisations = organisations.size;
  stats.projects = projects.size;
  stats.participations = participations.count;
  stats.participationsWithCity = withCity;
  const organisationTable = organisations.table(files);
  const projectTable = projects.table(files);
  const tables: CordisTables = {
    organisations: organisationTable,
    projects: projectTable,
    participations: participations.table(files, projectTable.columns.id, organisationTable.columns.id),
  };
  const notes = [
    `${stats.participationRows} participation rows: ${stats.participations} participations of ${stats.organisations} organisations in ${stats.projects} projects; ${pct(withCity, stats.participations)} of the participations have a city`,
    ...participations.notes(),
    ...parsed.notes,
  ];
  return { tables, files, notes, issues, stats };
}

/** Reader for `milieu import --format cordis`: parseCordis, then stage the three tables (through DuckDB's CSV reader, overlapped with writing the next table's files; see stage.ts). */
export const readCordis: Reader = async (context: ReadContext): Promise<ReadSummary> => {
  const result = parseCordis(context.path, { onProgress: context.onProgress });
  let stagedInOrder: TableName[] = [];
  if (result.issues.length === 0) {
    const { tables } = result;
    context.onProgress?.('staging', 0, 3);
    stagedInOrder = await stageTables(
      context.connection,
      [
        ['organisations', tables.organisations],
        ['projects', tables.projects],
        ['participations', tables.participations],
      ],
      (k) => k > 0 && context.onProgress?.('staging', k, 3),
    );
    context.onProgress?.('staging', 3, 3);
  }
  return {
    files: result.files,
    contentHash: hashFiles(result.files),
    fileIssues: result.issues,
    notes: result.notes,
    stagedInOrder,
  };
};
