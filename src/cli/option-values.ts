/** Checks of option values shared by commands: a bad value is a usage error (exit 2), never a stack. */
import { UsageError } from '../errors.ts';

/** A whole number ≥ 0 given as text (`--top 5`); refuses `-3`, `2.5`, `1e3`, `five`. */
export function wholeNumberOption(value: string, flag: string): number {
  if (!/^\d+$/.test(String(value).trim()))
    throw new UsageError('cli', `${flag} takes a whole number ≥ 0, got '${value}'`);
  return Number(value);
}
