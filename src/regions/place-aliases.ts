/**
 * Milieu's own additions to the gazetteer (src/regions/gazetteer.ts): other spellings of European
 * places that GeoNames lacks or ranks wrongly, and places that are no towns of their own in GeoNames.
 */
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
