import type { DuckDBConnection } from '@duckdb/node-api';
import type { InputIssue } from '../errors.ts';
import type { TableName } from '../model/index.ts';
import type { Progress } from '../progress.ts';

/** Re-exported for the readers' callers; the type lives in src/progress.ts. */
export type { Progress };

export interface ReadContext {
  connection: DuckDBConnection;
  path: string;
  onProgress?: Progress;
}

/** What a reader reports after staging its rows. */
export interface ReadSummary {
  /** Files read, as given. */
  files: string[];
  /** SHA-256 over the files read, to recognise a repeated import. */
  contentHash: string;
  /** Problems that make a whole file unreadable (bad header, bad encoding, malformed CSV). */
  fileIssues: InputIssue[];
  /** Rows the reader itself rejected (not staged); `--skip-invalid` lists them with the rest. */
  rowIssues?: (InputIssue & { table: TableName; values?: Record<string, string | null> })[];
  /** What the user should know about the source (e.g. rows dropped by design). */
  notes: string[];
  /**
   * What to call a staged row in messages besides its line, by table and line (a graph file's
   * `node 'a'` or `edge 'e3'`); shown before the column.
   */
  rowLabels?: Partial<Record<TableName, Map<number, string>>>;
  /**
   * Tables whose staged rows the reader knows to be in (file, line) order already: the commit keeps
   * the stage's order for them instead of sorting it again (a sort of the H2020 participations costs
   * about a quarter of their insert).
   */
  stagedInOrder?: TableName[];
}

/** A reader stages a source's rows into the `stage_*` tables (see store/stage.ts). */
export type Reader = (context: ReadContext) => Promise<ReadSummary>;
