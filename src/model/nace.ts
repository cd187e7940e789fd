/**
 * NACE Rev.2, the EU's statistical classification of economic activities: 21 sections (A–U), each a
 * range of two-digit divisions. Enough of the hierarchy for related/unrelated variety (Frenken, Van
 * Oort & Verburg 2007), which takes sections as the coarse level and divisions as the fine one.
 * Source: Eurostat, "NACE Rev. 2 – Statistical classification of economic activities", 2008.
 */
export const NACE_SECTIONS: Readonly<Record<string, readonly [number, number]>> = {
  A: [1, 3],
  B: [5, 9],
  C: [10, 33],
  D: [35, 35],
  E: [36, 39],
  F: [41, 43],
  G: [45, 47],
  H: [49, 53],
  I: [55, 56],
  J: [58, 63],
  K: [64, 66],
  L: [68, 68],
  M: [69, 75],
  N: [77, 82],
  O: [84, 84],
  P: [85, 85],
  Q: [86, 88],
  R: [90, 93],
  S: [94, 96],
  T: [97, 98],
  U: [99, 99],
};

/** Divisions that do not exist inside their section's range (gaps in the numbering). */
const MISSING_DIVISIONS = new Set([4, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89]);

/** The section letter of a two-digit division, or null when no such division exists. */
export function sectionOfDivision(division: number): string | null {
  if (!Number.isInteger(division) || MISSING_DIVISIONS.has(division)) return null;
  for (const [section, [lo, hi]] of Object.entries(NACE_SECTIONS)) {
    if (division >= lo && division <= hi) return section;
  }
  return null;
}

export interface NaceCode {
  section: string;
  /** Two-digit division, or null when only the section is given. */
  division: number | null;
  /** The code as written, normalised (upper case, no section prefix). */
  code: string;
}

const NACE_PATTERN = /^([A-U])?(\d{2})(?:\.(\d{1,2}))?$/;

/**
 * Parses a NACE code in the usual spellings: a section (`J`), a division (`62`), a group or class
 * (`62.0`, `62.01`), optionally prefixed by its section (`J62.01`). Null when malformed or unknown.
 * Example: parseNace('J62.01') → { section: 'J', division: 62, code: '62.01' }.
 */
export function parseNace(text: string): NaceCode | null {
  const s = text.trim().toUpperCase();
  if (/^[A-U]$/.test(s)) return { section: s, division: null, code: s };
  const m = NACE_PATTERN.exec(s);
  if (!m) return null;
  const division = Number(m[2]);
  const section = sectionOfDivision(division);
  if (section === null || (m[1] !== undefined && m[1] !== section)) return null;
  return { section, division, code: m[3] === undefined ? m[2] : `${m[2]}.${m[3]}` };
}
