// Numbers as the CLI and reports print them (en-GB), and the colour-blind-safe palettes.
const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });
const LARGE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return Math.abs(value) >= 1000 ? LARGE.format(value) : NUMBER.format(value);
}

/** Okabe & Ito (2008) colours, distinguishable with every common colour-vision deficiency. */
export const OKABE_ITO = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#000000',
];
const GREY = '#999999';

/** Organisation kinds in eight colour groups (firms of each size, knowledge centres, public bodies). */
const KIND_GROUP: Record<string, number> = {
  sme: 0,
  'large-firm': 5,
  firm: 3,
  'mnc-subsidiary': 6,
  'mnc-rd-lab': 6,
  university: 4,
  'research-institute': 1,
  'technology-centre': 2,
  'science-park': 2,
  agency: 7,
  'public-body': 7,
  'collective-agent': 7,
};
export function kindColour(kind: string): string {
  const g = KIND_GROUP[kind];
  return g === undefined ? GREY : OKABE_ITO[g];
}
export const KIND_LEGEND: [string, string][] = [
  ['SME', OKABE_ITO[0]],
  ['large firm', OKABE_ITO[5]],
  ['firm', OKABE_ITO[3]],
  ['multinational', OKABE_ITO[6]],
  ['university', OKABE_ITO[4]],
  ['research institute', OKABE_ITO[1]],
  ['technology centre / park', OKABE_ITO[2]],
  ['public / collective', OKABE_ITO[7]],
  ['other', GREY],
];

/** Where a partner is, seen from the region: the tie scopes of the measures. */
export const PLACE_COLOURS: Record<string, string> = {
  'in the region': OKABE_ITO[4],
  'same country': OKABE_ITO[2],
  'elsewhere in Europe': OKABE_ITO[0],
  'outside Europe': OKABE_ITO[6],
  unknown: GREY,
};
export const SEQUENTIAL_SCHEME = 'viridis';
