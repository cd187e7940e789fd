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
import type { TableName } from '../../model/index.ts';
import type { ReadContext, Reader, ReadSummary } from '../../store/reader.ts';
import { hashFiles } from '../text.ts';
import { parseCordis } from './parse.ts';
import { stageTables } from './stage.ts';

export { type CsvColumns, CsvField, parseCsvBytes, parseCsvColumns } from './csv.ts';
export { parseCordis } from './parse.ts';
export type { CordisResult, CordisStats, CordisTable, CordisTables, Provenance } from './types.ts';
export { cityFromAddress, parseNumber } from './values.ts';

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
