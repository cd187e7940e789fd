/**
 * Conversions of CORDIS field values: numbers, dates, flags, names and cities (with double-encoded
 * UTF-8 repaired), roles and activity types.
 */

import { type OrganisationKind, PARTICIPATION_ROLES } from '../../model/index.ts';
import { headerKey, repairDoubleUtf8, splitCsvLine } from '../text.ts';
import type { Role } from './types.ts';

export const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
export const COMMA_DECIMAL = /^[+-]?\d*,\d+$/;

/** A number from `12345.5`, `12345,5` or `1.2E5`; null when blank or `NA`; the original text otherwise. */
export function parseNumber(raw: string | undefined): number | string | null {
  if (raw === undefined) return null;
  const s = raw.trim();
  if (s === '' || s === 'NA') return null;
  if (PLAIN_NUMBER.test(s)) return Number(s);
  if (COMMA_DECIMAL.test(s)) return Number(s.replace(',', '.'));
  return raw;
}

export const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:$|[ T])/;

/** `YYYY-MM-DD` from a date or date-time; null when blank or `NA`; the original text otherwise. */
export function parseDate(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const s = raw.trim();
  if (s === '' || s === 'NA') return null;
  const m = ISO_DATE.exec(s);
  return m ? m[1] : raw;
}

/** True/false from `true`/`false`/`1`/`0` (any case); null when blank; the original text otherwise. */
export function parseFlag(raw: string | undefined): boolean | string | null {
  if (raw === undefined) return null;
  const s = raw.trim().toLowerCase();
  if (s === '' || s === 'na') return null;
  if (s === 'true' || s === '1' || s === 'yes') return true;
  if (s === 'false' || s === '0' || s === 'no') return false;
  return raw;
}

/** Trimmed text, null when blank. `NA` is kept: it is also Namibia's country code. */
export function text(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const s = raw.trim();
  return s === '' ? null : s;
}

/** Trimmed text with double-encoded UTF-8 repaired, null when blank or `NA`. */
export function label(raw: string | undefined): string | null {
  const s = text(raw);
  return s === null || s === 'NA' ? null : repairDoubleUtf8(s);
}

/** A name; the FP7 list quotes some names twice (`"ACME ""X"" SRL"`), so one layer of quoting is undone. */
export function cleanName(raw: string | undefined): string | null {
  let s = label(raw);
  if (s !== null && s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    s = s.slice(1, -1).replaceAll('""', '"').trim();
  }
  return s === '' ? null : s;
}

export const MISSING_WORDS = new Set([
  '-',
  '--',
  '.',
  'na',
  'n/a',
  'n.a.',
  'none',
  'null',
  'nil',
  'not applicable',
]);
export const LETTER = /\p{L}/u;

/** A city name, or null for blanks, placeholders (`-`, `N/A`) and text without letters (a postcode). */
export function cleanCity(raw: string | undefined): string | null {
  const s = label(raw);
  if (s === null || MISSING_WORDS.has(s.toLowerCase()) || !LETTER.test(s)) return null;
  return s;
}

export const POSTCODE_LIKE = /\d/;

/**
 * The city of an FP7 address "street, city, postcode" (parts may be quoted when they contain a
 * comma). With three or more parts the last is the postcode slot, whatever it holds (a code, `-`,
 * `N/A`, a county), so the city is the second-to-last; with two parts the city is the first when
 * the last looks like a postcode (has a digit), else the last.
 * Example: cityFromAddress('Parc des Cèdres, Vourles, 69390') → 'Vourles'.
 */
export function cityFromAddress(address: string | undefined): string | null {
  const s = text(address);
  if (s === null) return null;
  const parts = splitCsvLine(s, ',').map((p) => p.trim());
  let city: string;
  if (parts.length >= 3) city = parts[parts.length - 2];
  else if (parts.length === 2)
    city = POSTCODE_LIKE.test(parts[1]) || MISSING_WORDS.has(parts[1].toLowerCase()) ? parts[0] : parts[1];
  else city = parts[0];
  return cleanCity(city);
}

export const ROLES: Record<string, Role> = {
  coordinator: 'coordinator',
  participant: 'participant',
  beneficiary: 'participant',
  partner: 'partner',
  associatedpartner: 'partner',
  internationalpartner: 'partner',
  thirdparty: 'third-party',
};

/** A role as written (`thirdParty`, `THIRD PARTY`, …) in the vocabulary's words. */
export interface RoleSpelling {
  /** 0 when blank, else 1 + the role's place in PARTICIPATION_ROLES (`other` when unknown). */
  code: number;
  /** The text of an unknown role (to be counted), else null. */
  unknown: string | null;
}

/** A CORDIS role in the vocabulary's words; null when blank; `other` (to be counted) when unknown. */
export function mapRole(raw: string | undefined): RoleSpelling {
  const s = text(raw);
  if (s === null || s === 'NA') return { code: 0, unknown: null };
  const role = ROLES[headerKey(s)];
  return role === undefined
    ? { code: 1 + PARTICIPATION_ROLES.indexOf('other'), unknown: s }
    : { code: 1 + PARTICIPATION_ROLES.indexOf(role), unknown: null };
}

/** Organisation kind from a CORDIS activity type and SME flag; unknown or missing types are `other`. */
export function kindOf(type: string | null, sme: boolean | string | null): OrganisationKind {
  switch (type?.toUpperCase()) {
    case 'HES':
      return 'university';
    case 'REC':
      return 'research-institute';
    case 'PRC':
      return sme === true ? 'sme' : 'firm';
    case 'PUB':
      return 'public-body';
    default:
      return 'other';
  }
}

export const KNOWN_TYPES = new Set(['HES', 'REC', 'PRC', 'PUB', 'OTH']);

/** An activity type code in capitals; null when blank or `NA`. */
export function activityType(raw: string | undefined): string | null {
  const s = text(raw);
  return s === null || s === 'NA' ? null : s.toUpperCase();
}
