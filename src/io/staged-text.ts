/**
 * How every reader that stages raw values writes them as the stage's text (store/stage.ts): the
 * store's validator and casts then read them back.
 */
import type { Value } from '../dataset/raw.ts';

/** A raw value as staged text: numbers with String(), booleans `true`/`false`, lists joined with `|`. */
export function stagedText(value: Value | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value.join('|');
}
