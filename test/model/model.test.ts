import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFormatMarkdown } from '../../src/model/docs.ts';
import { nutsAncestor, nutsLevel, parseNace, sectionOfDivision } from '../../src/model/index.ts';
import { rowSchema } from '../../src/model/row-schema.ts';

describe('NACE Rev.2', () => {
  it('maps divisions to sections at the range edges and rejects gaps', () => {
    expect(sectionOfDivision(1)).toBe('A');
    expect(sectionOfDivision(33)).toBe('C');
    expect(sectionOfDivision(62)).toBe('J');
    expect(sectionOfDivision(99)).toBe('U');
    expect(sectionOfDivision(4)).toBeNull(); // no division 04
    expect(sectionOfDivision(40)).toBeNull();
  });
  it('parses the usual spellings and refuses inconsistent ones', () => {
    expect(parseNace('J62.01')).toEqual({ section: 'J', division: 62, code: '62.01' });
    expect(parseNace('26.11')).toEqual({ section: 'C', division: 26, code: '26.11' });
    expect(parseNace('m')).toEqual({ section: 'M', division: null, code: 'M' });
    expect(parseNace('C62')).toBeNull(); // 62 is in J
    expect(parseNace('6201')).toBeNull();
    expect(parseNace('Z')).toBeNull();
  });
});

describe('NUTS codes', () => {
  it('gives levels and ancestors', () => {
    expect(nutsLevel('DE')).toBe(0);
    expect(nutsLevel('DE212')).toBe(3);
    expect(nutsLevel('UKH1')).toBe(2);
    expect(nutsLevel('de212')).toBeNull();
    expect(nutsLevel('DE2123')).toBeNull();
    expect(nutsAncestor('DE212', 1)).toBe('DE2');
  });
});

describe('zod row schemas', () => {
  it('accept a valid organisation and name the failing field otherwise', () => {
    const schema = rowSchema('organisations');
    expect(schema.safeParse({ id: 'a', kind: 'sme', founded: 1990, sme: true }).success).toBe(true);
    const bad = schema.safeParse({ id: 'a', kind: 'startup', founded: 1990.5 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['founded', 'kind']);
    expect(schema.safeParse({ id: 'a', kind: 'sme', colour: 'red' }).success).toBe(false);
  });
});

describe('docs/data-format.md', () => {
  it('is the rendering of the current table specs (run scripts/data-format.ts after changing them)', () => {
    const intro = readFileSync(new URL('../../docs/data-format.intro.md', import.meta.url), 'utf8');
    const current = readFileSync(new URL('../../docs/data-format.md', import.meta.url), 'utf8');
    expect(current).toBe(dataFormatMarkdown(intro));
  });
});
