/** Which reader reads which `--format`. Readers load only when their format is used. */
import { UsageError } from '../errors.ts';
import type { Reader } from '../io/reader.ts';

export const FORMATS = ['package', 'json', 'cordis', 'acquisitions'] as const;
export type Format = (typeof FORMATS)[number];

export function guessFormat(path: string): Format {
  if (path.toLowerCase().endsWith('.json')) return 'json';
  return 'package';
}

export async function readerFor(format: string): Promise<Reader> {
  switch (format) {
    case 'package':
      return (await import('../io/package.ts')).readPackage;
    case 'json':
      return (await import('../io/json.ts')).readJson;
    case 'cordis':
      return (await import('../io/cordis/index.ts')).readCordis;
    case 'acquisitions':
      return (await import('../io/acquisitions.ts')).readAcquisitions;
    default:
      throw new UsageError('cli', `unknown format '${format}' (expected one of: ${FORMATS.join(', ')})`);
  }
}
