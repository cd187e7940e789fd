import { repairDoubleUtf8 } from '../io/text.ts';

// ---------------------------------------------------------------------------------------------
// Countries

/** ISO 3166 alpha-2 code for a country code in either ISO or Eurostat spelling (EL → GR, UK → GB). */
export function isoCountry(code: string): string {
  const c = code.trim().toUpperCase();
  return c === 'EL' ? 'GR' : c === 'UK' ? 'GB' : c;
}

/** Eurostat spelling of a country code (GR → EL, GB → UK), as used by NUTS. */
export function eurostatCountry(code: string): string {
  const c = code.trim().toUpperCase();
  return c === 'GR' ? 'EL' : c === 'GB' ? 'UK' : c;
}

// ---------------------------------------------------------------------------------------------
// Text repair and folding

/** Mac OS Roman bytes 0x80–0xFF. */
const MAC_ROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü\u2020°¢£§\u2022¶ß®©\u2122´¨\u2260ÆØ\u221e±\u2264\u2265¥µ' +
  '\u2202\u2211\u220f\u03c0\u222bªº\u03a9æø¿¡¬\u221aƒ\u2248\u2206«»\u2026\u00a0ÀÃÕŒœ\u2013\u2014' +
  '\u201c\u201d\u2018\u2019÷\u25caÿŸ\u2044\u20ac\u2039\u203a\ufb01\ufb02\u2021·\u201a\u201e\u2030' +
  'ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙı\u02c6\u02dc¯\u02d8\u02d9\u02da¸\u02dd\u02db\u02c7';

function byteTable(high: string, first: number): Map<string, number> {
  const table = new Map<string, number>();
  for (let i = 0; i < high.length; i++) table.set(high[i], first + i);
  return table;
}

const MAC_ROMAN_BYTES = byteTable(MAC_ROMAN_HIGH, 0x80);

/** True when the bytes are well-formed UTF-8 with at least one multi-byte sequence. */
function isMultiByteUtf8(bytes: Uint8Array): boolean {
  let multi = false;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return false;
    for (let k = 1; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return false;
    if (need > 0) multi = true;
    i += need + 1;
  }
  return multi;
}

const UTF8 = new TextDecoder('utf-8');

/** Re-encodes text through a single-byte code page and decodes the bytes as UTF-8; null when that fails. */
function redecode(text: string, table: Map<string, number>, latin1Above: number): string | null {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes[i] = code;
    else {
      const b = table.get(text[i]) ?? (code >= latin1Above && code <= 0xff ? code : -1);
      if (b < 0) return null;
      bytes[i] = b;
    }
  }
  return isMultiByteUtf8(bytes) ? UTF8.decode(bytes) : null;
}

/**
 * Repairs UTF-8 text that was decoded with a single-byte code page and encoded again: Latin-1
 * (`MÃ¼nchen`, via `repairDoubleUtf8`), Windows-1252 (`HÃ–GANÃ„S` → `HÖGANÄS`) and Mac OS Roman
 * (`M√ºnchen` → `München`). Text that does not re-decode cleanly is returned unchanged.
 */
export function repairMojibake(text: string): string {
  const latin1 = repairDoubleUtf8(text);
  if (latin1 !== text) return latin1;
  if (!/[\u0080-\uffff]/.test(text)) return text;
  // Latin-1 and Windows-1252 are repairDoubleUtf8's; Mac OS Roman is the one left.
  return redecode(text, MAC_ROMAN_BYTES, 0x100) ?? text;
}

const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  ø: 'o',
  Ø: 'o',
  œ: 'oe',
  Œ: 'oe',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'h',
};

const CANONICAL_TOKENS: Record<string, string> = {
  saint: 'st',
  sankt: 'st',
  sainte: 'ste',
};

/** Folded form of each character seen so far: a letter or digit string, '' (a mark) or ' ' (a separator). */
const FOLDED_CHARS = new Map<number, string>();

function foldChar(code: number): string {
  if (code < 0x80) {
    if (code >= 0x61 && code <= 0x7a) return String.fromCharCode(code);
    if (code >= 0x41 && code <= 0x5a) return String.fromCharCode(code + 32);
    if (code >= 0x30 && code <= 0x39) return String.fromCharCode(code);
    return ' ';
  }
  let folded = FOLDED_CHARS.get(code);
  if (folded !== undefined) return folded;
  if (code >= 0x300 && code <= 0x36f) folded = '';
  else if (code >= 0xd800 && code <= 0xdfff) folded = ' ';
  else {
    const ch = String.fromCharCode(code);
    const spelled = (SPECIAL_LETTERS[ch] ?? ch.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
      .toLowerCase()
      .replace(/[\u0300-\u036f]/g, '');
    folded = /^[a-z0-9]+$/.test(spelled) ? spelled : ' ';
  }
  FOLDED_CHARS.set(code, folded);
  return folded;
}

/** Folds text that needs no mojibake repair (see foldPlaceName). */
function foldClean(text: string): string {
  let out = '';
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const piece = foldChar(text.charCodeAt(i));
    if (piece === ' ') {
      if (!space) {
        out += ' ';
        space = true;
      }
    } else if (piece !== '') {
      out += piece;
      space = false;
    }
  }
  if (space && out.length > 0) out = out.slice(0, -1);
  if (!/[0-9]|cedex|saint|sankt/.test(out)) return out;
  const tokens: string[] = [];
  for (const token of out.split(' ')) {
    if (token === 'cedex') break;
    if (/[0-9]/.test(token)) continue;
    tokens.push(CANONICAL_TOKENS[token] ?? token);
  }
  return tokens.join(' ');
}

/**
 * The matching key of a place name: mojibake repaired, accents and case removed, special letters
 * spelled out (ß → ss, ø → o, æ → ae), punctuation and apostrophes → spaces, CEDEX and everything
 * after it dropped, words with digits dropped (postcodes, `PRAHA 4`, `DUBLIN 2`), Saint/Sankt → st,
 * Sainte → ste; letters of other scripts are dropped. Examples: `MÜNCHEN` → `munchen`;
 * `'s-Gravenhage` → `s gravenhage`; `GRENOBLE CEDEX 9` → `grenoble`;
 * `Saint-Martin-d'Hères` → `st martin d heres`.
 */
export function foldPlaceName(name: string): string {
  return foldClean(repairMojibake(name));
}

/** The German/Nordic transliteration of a name (ä → ae, ö → oe, ü → ue, ø → oe, å → aa, æ → ae), or null when it has none of those letters. */
export function transliterated(name: string): string | null {
  if (!/[äöüÄÖÜøØåÅ]/.test(name)) return null;
  return name
    .replace(/[äÄ]/g, 'ae')
    .replace(/[öÖøØ]/g, 'oe')
    .replace(/[üÜ]/g, 'ue')
    .replace(/[åÅ]/g, 'aa');
}

/** All keys of a clean name: its fold and the fold of its transliteration. */
export function nameKeys(name: string): string[] {
  const key = foldClean(name);
  const t = transliterated(name);
  if (t === null) return key === '' ? [] : [key];
  const other = foldClean(t);
  return [key, other].filter((k, i) => k !== '' && (i === 0 || k !== key));
}

const QUALIFIER = /\s+(?:bei|am|an der|an|im|in der|in|ob der|upon|on|sur|sous|de|del|de la|de les)\s+.*$/;

/**
 * Shorter keys of a place's name, given its keys: without a bracket, without a qualifier
 * (`bei …`, `am …`, `upon …`, `de …`), each side of a slash.
 */
export function qualifierKeys(name: string, keys: string[]): string[] {
  const out: string[] = [];
  const bracket = name.indexOf('(');
  if (bracket > 0) out.push(...nameKeys(name.slice(0, bracket)));
  if (name.includes('/')) for (const part of name.split('/')) out.push(...nameKeys(part));
  for (const k of keys) {
    if (!k.includes(' ')) continue;
    const short = k.replace(QUALIFIER, '');
    if (short !== k && short !== '') out.push(short);
  }
  return out;
}

/** Words that are no place on their own, never tried as a partial match. */
const GENERIC_WORDS = new Set(
  (
    'st ste san santa santo sao bad la le les los las el de del della di da do des du den der die het ' +
    'am an im in on upon sur nord sud north south east west ost west new city town port campus ' +
    'university universite universitat centre center park parc technopole science industrial zona'
  ).split(' '),
);

/** Keys tried for a query, in order: the whole name, parts around commas/brackets/slashes, then first and last words. */
export function queryKeys(locality: string): { key: string; partial: boolean }[] {
  const repaired = repairMojibake(locality);
  const out: { key: string; partial: boolean }[] = [];
  const seen = new Set<string>();
  const add = (key: string, partial: boolean) => {
    if (key !== '' && !seen.has(key)) {
      seen.add(key);
      out.push({ key, partial });
    }
  };
  const full = foldPlaceName(repaired);
  add(full, false);
  // Postal districts written as a letter: `KOBENHAVN K`, `KOBENHAVN O`.
  add(full.replace(/( [a-z])+$/, ''), false);
  for (const part of repaired.split(/[,;/()]|\s-\s/)) add(foldPlaceName(part), true);
  const words = full.split(' ');
  for (let n = words.length - 1; n >= 1; n--) {
    const head = words.slice(0, n);
    const tail = words.slice(words.length - n);
    for (const w of [head, tail]) {
      const key = w.join(' ');
      if (key.length >= 3 && !(w.length === 1 && GENERIC_WORDS.has(key))) add(key, true);
    }
  }
  return out;
}
