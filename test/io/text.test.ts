import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvBytes } from '../../src/io/cordis/index.ts';
import {
  detectDelimiter,
  duckdbErrorLine,
  findInvalidUtf8,
  firstLine,
  hasMojibake,
  headerKey,
  parseCsvText,
  repairDoubleUtf8,
  splitCsvLine,
} from '../../src/io/text.ts';
import { SHARED_DATA } from '../helpers.ts';

const FP7 = join(SHARED_DATA, 'cordis', 'fp7-organisations.csv');

/**
 * Windows-1252 at bytes 0x80–0x9F, as the code page chart has it; the five undefined bytes as the
 * C1 controls decoders pass them through as. (Node's TextDecoder reads `windows-1252` as Latin-1.)
 */
const WINDOWS_1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** `text` as UTF-8, read back as if it were Windows-1252: the mojibake a wrong code page makes. */
function asWindows1252(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8'))
    out += byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_80_9F[byte - 0x80] : String.fromCharCode(byte);
  return out;
}

describe('repairDoubleUtf8', () => {
  it('undoes UTF-8 read as Latin-1', () => {
    expect(repairDoubleUtf8('MÃ¼nchen')).toBe('München');
    expect(repairDoubleUtf8('Parc des CÃ¨dres')).toBe('Parc des Cèdres');
    expect(repairDoubleUtf8('LeÃ³n City Council - Ayuntamiento de LeÃ³n')).toBe(
      'León City Council - Ayuntamiento de León',
    );
    // ß is C3 9F: Latin-1 reads 0x9F as the control character U+009F, Windows-1252 as Ÿ
    expect(repairDoubleUtf8('STRAÃ\u009fE')).toBe('STRAßE');
    expect(repairDoubleUtf8('STRAÃŸE')).toBe('STRAßE');
  });

  it('undoes UTF-8 read as Windows-1252', () => {
    // ł is C5 82; Windows-1252 reads 0x82 as ‚ (U+201A)
    expect(repairDoubleUtf8('BiaÅ‚ystok')).toBe('Białystok');
    // Ö is C3 96; 0x96 is – (U+2013)
    expect(repairDoubleUtf8('GÃ–TEBORG')).toBe('GÖTEBORG');
    expect(repairDoubleUtf8('SODEXO ESPAÃ‘A SA')).toBe('SODEXO ESPAÑA SA'); // ‘ is 0x91
    expect(repairDoubleUtf8('Porto â€“ Hospital Santo AntÃ³nio')).toBe('Porto – Hospital Santo António');
    expect(repairDoubleUtf8('Î‘THINON')).toBe('ΑTHINON'); // Greek capital alpha, CE 91
    expect(repairDoubleUtf8('Ã…LESUND Å’')).toBe('ÅLESUND Œ'); // … is 0x85, ’ is 0x92
  });

  it('maps all 27 Windows-1252 characters of 0x80–0x9F back to their bytes', () => {
    // U+0100 … U+011F are C4 80 … C4 9F in UTF-8: their second bytes cover the whole range.
    const text = Array.from({ length: 32 }, (_, k) => String.fromCharCode(0x100 + k)).join(' ');
    const mojibake = asWindows1252(text);
    expect(mojibake).not.toBe(text);
    expect(hasMojibake(mojibake)).toBe(true);
    expect(repairDoubleUtf8(mojibake)).toBe(text);
    // and every defined character of the range occurs in it
    const defined = [...WINDOWS_1252_80_9F].filter((ch) => ch.charCodeAt(0) > 0xff);
    expect(defined).toHaveLength(27);
    for (const ch of defined) expect(mojibake).toContain(ch);
  });

  it('leaves correct text alone', () => {
    for (const text of [
      'München',
      'Ærø',
      'plain ASCII, nothing to do',
      'Côte d’Azur', // a real apostrophe (U+2019) next to correct accents
      'L’Oréal – “Recherche”',
      'Łódź',
      'ΑΘΗΝΑ',
      '',
    ]) {
      expect(repairDoubleUtf8(text)).toBe(text);
      expect(hasMojibake(text)).toBe(false);
    }
  });

  it('leaves text alone when its bytes are not UTF-8 or cannot be recovered', () => {
    // correct é next to mojibake: back to bytes, the é is no UTF-8
    expect(repairDoubleUtf8('Café MÃ¼nchen')).toBe('Café MÃ¼nchen');
    // a lost byte (U+FFFD) cannot be mapped back
    expect(repairDoubleUtf8('TECNOLOGÃ\ufffdAS')).toBe('TECNOLOGÃ\ufffdAS');
    // a character outside both code pages
    expect(repairDoubleUtf8('MÃ¼nchen Łódź')).toBe('MÃ¼nchen Łódź');
    // looks like mojibake but its bytes (C3 A9 E9) are not valid UTF-8
    expect(repairDoubleUtf8('Ã©é')).toBe('Ã©é');
  });

  it.skipIf(!existsSync(FP7))('repairs all but a few names of the FP7 list', () => {
    const csv = parseCsvBytes(readFileSync(FP7), ',', ['name']);
    let before = 0;
    let after = 0;
    let changedCorrect = 0;
    for (let i = 0; i < csv.rowCount; i++) {
      const name = csv.columns.name.text(i);
      const repaired = repairDoubleUtf8(name);
      if (hasMojibake(name)) before++;
      else if (repaired !== name) changedCorrect++;
      if (hasMojibake(repaired)) after++;
    }
    console.log(`FP7 names with mojibake: ${before} before repair, ${after} after`);
    expect(csv.rowCount).toBe(30399);
    // 449 names show mojibake; those left contain U+FFFD where Windows-1252 has no character
    // (bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D), so their bytes cannot be recovered.
    expect(before).toBe(449);
    expect(after).toBe(10);
    expect(changedCorrect).toBe(0);
  });
});

describe('findInvalidUtf8', () => {
  const bytes = (...values: number[]) => Uint8Array.from(values);

  it('is null for valid UTF-8', () => {
    expect(findInvalidUtf8(Buffer.from('a,b\nMünchen,Ærø,€,𝄞\n'))).toBeNull();
    expect(findInvalidUtf8(bytes())).toBeNull();
  });

  it('gives the line and byte column of the first bad byte', () => {
    // Latin-1 é (0xE9) on line 2, after "b" and a two-byte ü
    const text = Buffer.concat([Buffer.from('ok\nbü'), bytes(0xe9), Buffer.from('\nmore')]);
    expect(findInvalidUtf8(text)).toEqual({ line: 2, column: 4 });
    expect(findInvalidUtf8(bytes(0x61, 0x80))).toEqual({ line: 1, column: 2 }); // stray continuation byte
    expect(findInvalidUtf8(bytes(0x0a, 0x0a, 0x41, 0xc3))).toEqual({ line: 3, column: 2 }); // truncated at the end
    expect(findInvalidUtf8(bytes(0xc3, 0x41))).toEqual({ line: 1, column: 1 }); // lead byte without continuation
  });

  it('finds the forms TextDecoder refuses: overlong, surrogates, past U+10FFFF', () => {
    expect(findInvalidUtf8(bytes(0x41, 0xc0, 0xaf))).toEqual({ line: 1, column: 2 });
    expect(findInvalidUtf8(bytes(0x41, 0x42, 0xe0, 0x80, 0xaf))).toEqual({ line: 1, column: 3 });
    expect(findInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toEqual({ line: 1, column: 1 });
    expect(findInvalidUtf8(bytes(0x0a, 0xf4, 0x90, 0x80, 0x80))).toEqual({ line: 2, column: 1 });
    expect(findInvalidUtf8(bytes(0xf0, 0x80, 0x80, 0x80))).toEqual({ line: 1, column: 1 });
  });
});

describe('detectDelimiter', () => {
  it('takes the most frequent separator outside quotes', () => {
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('"orgId";"name";"city"')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    // the commas are inside quotes
    expect(detectDelimiter('"a,b,c";"d";e')).toBe(';');
    // no separator at all, or a tie: the comma
    expect(detectDelimiter('name')).toBe(',');
    expect(detectDelimiter('a,b;c')).toBe(',');
  });
});

describe('splitCsvLine', () => {
  it('splits on the separator, honouring quotes', () => {
    expect(splitCsvLine('a,b,,c,', ',')).toEqual(['a', 'b', '', 'c', '']);
    expect(splitCsvLine('', ',')).toEqual(['']);
    expect(splitCsvLine('Marshmeadows, "New Ross, Co.Wexford", N/A', ',')).toEqual([
      'Marshmeadows',
      'New Ross, Co.Wexford',
      ' N/A',
    ]);
    expect(splitCsvLine('"say ""hi""";x', ';')).toEqual(['say "hi"', 'x']);
    expect(splitCsvLine('"a;b";"";c', ';')).toEqual(['a;b', '', 'c']);
  });
});

describe('headerKey and firstLine', () => {
  it('normalises header names', () => {
    expect(headerKey('Organisation ID')).toBe('organisationid');
    expect(headerKey(' start_date ')).toBe('startdate');
    expect(headerKey('Net-EC.Contribution')).toBe('neteccontribution');
    expect(headerKey('projectID')).toBe(headerKey('Project Id'));
  });

  it('reads the first line without BOM and line end', () => {
    expect(firstLine(Buffer.from('\ufeffa;b\r\n1;2\n'))).toBe('a;b');
    expect(firstLine(Buffer.from('only'))).toBe('only');
  });

  it('finds the line in DuckDB errors', () => {
    expect(duckdbErrorLine('Error when sniffing file on line 12: bad')).toBe(12);
    expect(duckdbErrorLine('no line here')).toBeNull();
  });
});

describe('parseCsvText', () => {
  it('reads quoted separators, doubled quotes, CRLF, blank lines and line breaks inside quotes', () => {
    const csv = parseCsvText('a,b,c\r\n"x,1","say ""hi""",3\r\n\r\n"two\nlines",y,\n', ',');
    expect(csv.header).toEqual(['a', 'b', 'c']);
    expect(csv.records).toEqual([
      { line: 2, endLine: 2, fields: ['x,1', 'say "hi"', '3'] },
      { line: 4, endLine: 5, fields: ['two\nlines', 'y', ''] },
    ]);
    expect(csv.problemCount).toBe(0);
  });

  it('names the line and column of an unclosed quote and of a wrong field count', () => {
    const csv = parseCsvText('a,b,c\n1,2\n4,"5,6\n', ',');
    expect(csv.problems).toEqual([
      { line: 2, column: 'c', reason: 'malformed CSV: 2 fields where the header has 3' },
      { line: 3, column: 'b', reason: 'malformed CSV: a quoted field is never closed' },
    ]);
  });

  it('drops spaces before an opening quote', () => {
    expect(parseCsvText('a,b,c\n1, "2, 3",4\n', ',').records[0].fields).toEqual(['1', '2, 3', '4']);
  });

  it('reads an undoubled quote inside a quoted field as text and says where', () => {
    const csv = parseCsvText('a,b\n"A "B" C",2\n', ',');
    expect(csv.records[0].fields).toEqual(['A "B" C', '2']);
    expect(csv.strayQuoteLines).toEqual([2]);
  });
});
