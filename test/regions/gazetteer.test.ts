import { describe, expect, it } from 'vitest';
import {
  editDistance,
  eurostatCountry,
  foldPlaceName,
  Gazetteer,
  isoCountry,
  loadGazetteer,
  repairMojibake,
} from '../../src/regions/gazetteer.ts';

describe('text repair and folding', () => {
  it('repairs double-encoded UTF-8 from Latin-1, Windows-1252 and Mac OS Roman', () => {
    // Latin-1 (the case repairDoubleUtf8 handles): Ã¼ are the bytes C3 BC of ü read as Latin-1
    expect(repairMojibake('MÃ¼nchen')).toBe('München');
    // Windows-1252: Ö is C3 96, and 0x96 is the en dash in Windows-1252 (from fp7-organisations.csv)
    expect(repairMojibake('HÃ–GANÃ„S')).toBe('HÖGANÄS');
    // Mac OS Roman: C3 = √, BC = º (from h2020-organisations-2017.csv: 'M√ºnchen', 'G√ñTEBORG', '≈Å√≥d≈∫')
    expect(repairMojibake('M√ºnchen')).toBe('München');
    expect(repairMojibake('G√ñTEBORG')).toBe('GÖTEBORG');
    expect(repairMojibake('≈Å√≥d≈∫')).toBe('Łódź');
    // correct text is never changed
    for (const ok of ['München', 'Göteborg', 'Łódź', 'São Paulo', 'Ås', 'Â', 'plain'])
      expect(repairMojibake(ok)).toBe(ok);
  });

  it('folds case, accents, special letters, punctuation, CEDEX, postal districts and Saint', () => {
    expect(foldPlaceName('MÜNCHEN')).toBe('munchen');
    expect(foldPlaceName('München')).toBe('munchen');
    expect(foldPlaceName('M√ºnchen')).toBe('munchen');
    expect(foldPlaceName("'s-Gravenhage")).toBe('s gravenhage');
    expect(foldPlaceName('GRENOBLE CEDEX 9')).toBe('grenoble');
    expect(foldPlaceName('PARIS CEDEX 16')).toBe('paris');
    expect(foldPlaceName('PRAHA 4')).toBe('praha');
    expect(foldPlaceName('Saint-Martin-d’Hères')).toBe('st martin d heres');
    expect(foldPlaceName("SAINT MARTIN D'HERES")).toBe('st martin d heres');
    expect(foldPlaceName('Sankt Gallen')).toBe('st gallen');
    expect(foldPlaceName('Gießen')).toBe('giessen');
    expect(foldPlaceName('Tromsø')).toBe('tromso');
    expect(foldPlaceName('Łódź')).toBe('lodz');
    expect(foldPlaceName('Æbeltoft')).toBe('aebeltoft');
    expect(foldPlaceName('İstanbul')).toBe('istanbul');
    expect(foldPlaceName('  Kgs. Lyngby  ')).toBe('kgs lyngby');
    expect(foldPlaceName('Αθήνα')).toBe('');
  });

  it('converts between Eurostat and ISO country codes', () => {
    expect(isoCountry('EL')).toBe('GR');
    expect(isoCountry('uk')).toBe('GB');
    expect(isoCountry('DE')).toBe('DE');
    expect(eurostatCountry('GR')).toBe('EL');
    expect(eurostatCountry('GB')).toBe('UK');
    expect(eurostatCountry('FR')).toBe('FR');
  });

  it('edit distance with transpositions, bounded', () => {
    expect(editDistance('amsterdam', 'amstredam', 2)).toBe(1); // one transposition
    expect(editDistance('augsburg', 'ausburg', 1)).toBe(1); // one deletion
    expect(editDistance('bucuresti', 'bucaresti', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2); // capped at max + 1
    expect(editDistance('abc', 'abc', 0)).toBe(0);
  });
});

describe('a hand-made gazetteer', () => {
  // Two Frankfurts in DE: Frankfurt am Main (650,000) and Frankfurt (Oder) (58,000); two Cambridges
  // (GB 145,000, US 110,000); a place known by an alternate name; a town written with ö.
  const g = new Gazetteer(
    {
      name: [
        'Frankfurt am Main',
        'Frankfurt (Oder)',
        'Cambridge',
        'Cambridge',
        'Athens',
        'Göteborg',
        'Ostend',
        'Amsterdam',
      ],
      country: ['DE', 'DE', 'GB', 'US', 'GR', 'SE', 'BE', 'NL'],
      lat: [50.11, 52.34, 52.2, 42.38, 37.98, 57.71, 51.22, 52.37],
      lon: [8.68, 14.55, 0.12, -71.11, 23.73, 11.97, 2.93, 4.89],
      population: [650000, 58000, 145000, 110000, 664000, 587000, 69000, 741000],
      alternateNames: [
        null,
        null,
        null,
        null,
        'Athina,Athen,ATH',
        'Gothenburg',
        ['Oostende', 'Ostende'],
        null,
      ],
    },
    { aliases: { GR: ['Athens|Athinai'] }, extraPlaces: [['FR', 'Sophia Antipolis', 43.6163, 7.0552]] },
  );

  it('takes the most populous of several places with one name, per country', () => {
    expect(g.lookup('FRANKFURT', 'DE')?.name).toBe('Frankfurt am Main'); // both shorten to "frankfurt"
    expect(g.lookup('Frankfurt (Oder)', 'DE')?.name).toBe('Frankfurt (Oder)');
    expect(g.lookup('Cambridge', 'UK')).toMatchObject({ country: 'GB', lat: 52.2, via: 'name' });
    expect(g.lookup('Cambridge', 'US')?.lat).toBe(42.38);
    // no country: the most populous anywhere
    expect(g.lookup('CAMBRIDGE', null)?.country).toBe('GB');
  });

  it('matches alternate names, aliases, transliterations and Eurostat country codes', () => {
    expect(g.lookup('ATHINA', 'EL')).toMatchObject({ name: 'Athens', via: 'alternate' });
    expect(g.lookup('Athinai', 'GR')).toMatchObject({ name: 'Athens', via: 'alias' });
    expect(g.lookup('GOTHENBURG', 'SE')?.name).toBe('Göteborg');
    expect(g.lookup('GOETEBORG', 'SE')?.name).toBe('Göteborg'); // ö → oe
    expect(g.lookup('GOTEBORG', 'SE')?.name).toBe('Göteborg'); // ö → o
    expect(g.lookup('OOSTENDE', 'BE')?.name).toBe('Ostend');
    expect(g.lookup('ATH', 'GR')).toBeNull(); // short all-capital codes are not names
  });

  it('extra places win, parts of a query match, misspellings of populous places match', () => {
    expect(g.lookup('SOPHIA-ANTIPOLIS', 'FR')).toMatchObject({ lat: 43.6163, via: 'alias' });
    expect(g.lookup('CAMBRIDGE CB3 0TX', 'UK')?.via).toBe('name'); // the postcode word with digits is dropped
    expect(g.lookup('CAMBRIDGE, CAMBRIDGESHIRE', 'UK')).toMatchObject({ name: 'Cambridge', via: 'partial' });
    expect(g.lookup('AMSTREDAM', 'NL')).toMatchObject({ name: 'Amsterdam', via: 'fuzzy' });
    expect(g.lookup('ATLANTIS', 'NL')).toBeNull();
    expect(g.lookup('', 'NL')).toBeNull();
    expect(g.lookup('Amsterdam', 'BE')).toBeNull(); // another country's place is not found
  });
});

describe('the default gazetteer (GeoNames cities500)', () => {
  const g = loadGazetteer();

  it('knows every place of its alias table', () => {
    expect(g.unmatchedAliases()).toEqual([]);
  });

  it('matches local, English and transliterated spellings of European cities', () => {
    // Each group: spellings met in the CORDIS data or in the brief, and the place they must give.
    const groups: [string, string[], string, number, number][] = [
      ['DE', ['München', 'Munich', 'MUNCHEN', 'MUENCHEN', 'M√ºnchen', 'MÃ¼nchen'], 'Munich', 48.137, 11.575],
      [
        'SE',
        ['Göteborg', 'Gothenburg', 'Goteborg', 'GOETEBORG', 'G√ñTEBORG', 'GÃ–TEBORG'],
        'Göteborg',
        57.707,
        11.967,
      ],
      ['IT', ['Milano', 'Milan', 'MILANO'], 'Milan', 45.464, 9.19],
      ['IT', ['Firenze', 'Florence', 'FIRENZE'], 'Florence', 43.779, 11.246],
      ['DE', ['Köln', 'Cologne', 'KOELN', 'KOLN'], 'Köln', 50.933, 6.95],
      ['AT', ['Wien', 'Vienna', 'WIEN'], 'Vienna', 48.208, 16.372],
      ['CZ', ['Praha', 'Prague', 'PRAHA 6'], 'Prague', 50.088, 14.421],
      ['PT', ['Lisboa', 'Lisbon', 'LISBOA'], 'Lisbon', 38.717, -9.133],
      ['BE', ['Bruxelles', 'Brussel', 'Brussels', 'BRUXELLES', 'IXELLES'], 'Brussels', 50.85, 4.349],
      [
        'NL',
        ['Den Haag', "'s-Gravenhage", 'The Hague', 'S GRAVENHAGE', 'DEN HAAG'],
        'The Hague',
        52.077,
        4.299,
      ],
      ['EL', ['Athina', 'ATHINA', 'Athens'], 'Athens', 37.984, 23.728],
      ['PL', ['Warszawa', 'WARSZAWA', 'Warsaw'], 'Warsaw', 52.23, 21.012],
      ['RO', ['Bucuresti', 'BUCURESTI', 'Bucharest', 'BUCARESTI'], 'Bucharest', 44.432, 26.106],
      ['DK', ['København', 'KOBENHAVN', 'Copenhagen', 'KOBENHAVN K'], 'Copenhagen', 55.676, 12.566],
      ['FI', ['HELSINKI', 'Helsingfors', 'HELSINGIN YLIOPISTO'], 'Helsinki', 60.17, 24.935],
    ];
    for (const [country, spellings, name, lat, lon] of groups) {
      for (const s of spellings) {
        const m = g.lookup(s, country);
        expect(m?.name, `${s} (${country})`).toBe(name);
        expect(m!.lat).toBeCloseTo(lat, 2);
        expect(m!.lon).toBeCloseTo(lon, 2);
      }
    }
  });

  it("resolves the clusters' own places", () => {
    const cases: [string, string, string][] = [
      ['SOPHIA ANTIPOLIS', 'FR', 'Sophia Antipolis'],
      ['GARCHING B MUENCHEN', 'DE', 'Garching'],
      ['NEUHERBERG', 'DE', 'Oberschleißheim'], // Neuherberg is part of the municipality of Oberschleißheim
      ["SAINT MARTIN D'HERES", 'FR', "Saint-Martin-d'Hères"],
      ['CERDANYOLA BARCELONA', 'ES', 'Cerdanyola del Vallès'],
      ['BELLATERRA (BARCELONA)', 'ES', 'Cerdanyola del Vallès'],
      ['KGS LYNGBY', 'DK', 'Kongens Lyngby'],
      ['OTANIEMI', 'FI', 'Otaniemi'],
    ];
    for (const [locality, country, name] of cases)
      expect(g.lookup(locality, country)?.name, locality).toBe(name);
  });

  it('takes misspellings for the nearest populous place with the same first letter', () => {
    // spellings from the CORDIS data
    expect(g.lookup('NOTTHINGHAM', 'UK')).toMatchObject({ name: 'Nottingham', via: 'fuzzy' });
    expect(g.lookup('BARELONA', 'ES')?.name).toBe('Barcelona');
    // one edit from Norrköping, two from the more populous Jönköping
    expect(g.lookup('NORKOPING', 'SE')?.name).toBe('Norrköping');
    // Malle (a village near Antwerp, not in cities500) is one edit from Halle but starts differently
    expect(g.lookup('MALLE', 'BE')).toBeNull();
  });
});
