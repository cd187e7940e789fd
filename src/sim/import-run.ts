/**
 * Storing a run: a Reader that stages a simulation's tables, so that `importSource` validates and
 * writes them exactly as it does a real import (one transaction; a run that fails validation is a
 * bug of the model). The import's content hash is the run's output hash, so the same run is not
 * imported twice; its format records that it is a simulation, with seed and scenario hash.
 */
import type { RawTables } from '../dataset/raw.ts';
import { stagedText } from '../io/staged-text.ts';
import { columnsOf, TABLE_NAMES } from '../model/index.ts';
import { type ImportOptions, type ImportResult, importSource } from '../store/import.ts';
import type { Reader } from '../store/reader.ts';
import { appendStaged } from '../store/stage.ts';
import type { Store } from '../store/store.ts';
import type { SimulationManifest } from './simulate.ts';

export function simulationReader(raw: RawTables, manifest: SimulationManifest): Reader {
  const { outputHash } = manifest;
  // the import's content hash is the run's output hash: a run made without one cannot be stored
  if (outputHash === null)
    throw new Error(`run ${manifest.runId} was simulated with hash: false; it cannot be imported`);
  return async ({ connection }) => {
    for (const table of TABLE_NAMES) {
      const t = raw[table];
      if (!t || t.rowCount === 0) continue;
      const values: Record<string, (string | null)[]> = {};
      for (const [name] of columnsOf(table)) {
        const column = t.columns[name];
        if (column) values[name] = column.map((v) => stagedText(v));
      }
      // line numbers as in the package file: the header is line 1
      const lines = Array.from({ length: t.rowCount }, (_, i) => i + 2);
      await appendStaged(connection, table, { file: `${manifest.runId}/${table}`, lines, values });
    }
    return { files: [], contentHash: outputHash, fileIssues: [], notes: [] };
  };
}

/** The `format` an import of a run records: simulation, seed, scenario hash and Milieu version. */
export function simulationFormat(m: SimulationManifest): string {
  return `simulation seed=${m.seed} scenario=sha256:${m.scenarioHash} years=${m.years.from}-${m.years.to} run=${m.runId} milieu=${m.milieuVersion}`;
}

/** Imports a run into `store` through the validated import path. */
export function importSimulation(
  store: Store,
  scenarioPath: string,
  raw: RawTables,
  manifest: SimulationManifest,
  options: ImportOptions = {},
): Promise<ImportResult> {
  return importSource(
    store,
    simulationFormat(manifest),
    scenarioPath,
    simulationReader(raw, manifest),
    options,
  );
}
