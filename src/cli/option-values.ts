/** Checks of option values shared by commands: a bad value is a usage error (exit 2), never a stack. */
import type { Command } from 'commander';
import { UsageError } from '../errors.ts';

/** A whole number ≥ 0 given as text (`--top 5`); refuses `-3`, `2.5`, `1e3`, `five`. */
export function wholeNumberOption(value: string, flag: string): number {
  if (!/^\d+$/.test(String(value).trim()))
    throw new UsageError('cli', `${flag} takes a whole number ≥ 0, got '${value}'`);
  return Number(value);
}

/**
 * The options that say which organisations and ties a cluster figure rests on, the same in every
 * command that measures regions (measure, compare, rtd): the study regions file, the multi-site mode,
 * the project-size cap (whose default differs: `none` for measure, 30 where clusters are compared)
 * and the co-participation weighting.
 */
export function addClusterOptions(command: Command, defaults: { maxProjectSize: string }): Command {
  return command
    .option('--regions-file <file>', 'JSON file of extra study regions (see docs/regions.md)')
    .option(
      '--multi-site <mode>',
      'multi-site research organisations (regions/multi-site.json): flag (counted at the registered address, named in a note), include (also counted where they have a main site) or exclude (left out of every region)',
      'flag',
    )
    .option(
      '--max-project-size <n>',
      'leave projects with more organisations out of the co-participation network (whole number ≥ 2, or none)',
      defaults.maxProjectSize,
    )
    .option(
      '--weighting <w>',
      'co-participation tie weights: count (shared projects) or fractional (1/(n−1) per project)',
      'count',
    );
}
