/**
 * The options shared by `ensemble`, `sweep` and `calibrate` (replicates, workers, measures, seed,
 * years) and their checks, and the progress they show: a bar on a terminal, nothing when stderr is
 * not a terminal or with --json.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.ts';
import { wholeNumberOption } from './option-values.ts';
import { terminalProgress } from './progress.ts';

export function addRunOptions(command: Command, replicates: string): Command {
  return command
    .option('--replicates <n>', 'runs per scenario (or per point), replicate r with seed + r', replicates)
    .option('--workers <n>', 'worker threads (default: one per core); results do not depend on it')
    .option(
      '--measures <list>',
      'comma-separated indicator names as `milieu compare` prints them (default: every indicator of evolution, spinoffs, ties, mobility)',
    )
    .option('--seed <n>', 'seed of the first replicate', '1')
    .option('--years <range>', "simulated years FIRST-LAST instead of the scenario's, e.g. 1980-2000");
}

export interface RunOptionValues {
  replicates: number;
  workers?: number;
  measures?: string[];
  seed: number;
  years?: { from: number; to: number };
}

export function runOptionValues(opts: {
  replicates: string;
  workers?: string;
  measures?: string;
  seed: string;
  years?: string;
}): RunOptionValues {
  const replicates = wholeNumberOption(opts.replicates, '--replicates');
  if (replicates < 1) throw new UsageError('cli', '--replicates must be at least 1');
  const seed = wholeNumberOption(opts.seed, '--seed');
  const out: RunOptionValues = { replicates, seed };
  if (opts.workers !== undefined) {
    out.workers = wholeNumberOption(opts.workers, '--workers');
    if (out.workers < 1) throw new UsageError('cli', '--workers must be at least 1');
  }
  if (opts.measures !== undefined) out.measures = listOption(opts.measures, '--measures');
  if (opts.years !== undefined) {
    const m = /^\s*(\d{4})\s*-\s*(\d{4})\s*$/.exec(opts.years);
    if (!m || Number(m[1]) > Number(m[2]))
      throw new UsageError(
        'cli',
        `--years takes FIRST-LAST with FIRST ≤ LAST (e.g. 1980-2000), got '${opts.years}'`,
      );
    out.years = { from: Number(m[1]), to: Number(m[2]) };
  }
  return out;
}

/** A comma-separated list with no empty item. */
export function listOption(value: string, flag: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === ''))
    throw new UsageError('cli', `${flag} takes a comma-separated list with no empty item, got '${value}'`);
  return items;
}

/** A bar for the runs on a terminal; nothing when stderr is not a terminal or with --json. */
export function runsProgress(json: boolean, phase: string) {
  const bar = terminalProgress(json || !process.stderr.isTTY);
  return {
    onProgress: (done: number, total: number) => bar(phase, done, total),
    stop: () => bar.stop(),
  };
}
