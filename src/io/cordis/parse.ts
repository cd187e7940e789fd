/**
 * `parseCordis`: a CORDIS folder into raw tables, all in JS and without the store (see index.ts for
 * the layouts). Apart from the readers so that the command line's worker thread (read-worker.ts)
 * loads the parser without DuckDB's client.
 */
import type { InputIssue } from '../../errors.ts';
import type { Progress } from '../../store/reader.ts';
import { findLayout } from './files.ts';
import { parseOfficial } from './official.ts';
import { parseRepublished } from './republished.ts';
import {
  emptyTable,
  ORGANISATION_COLUMNS,
  PARTICIPATION_COLUMNS,
  type Parsed,
  PROJECT_COLUMNS,
  pct,
} from './tables.ts';
import type { CordisResult, CordisStats, CordisTables } from './types.ts';

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
