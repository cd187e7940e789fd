/**
 * A small hand-built dataset for the bridging tests, with every component worked out by hand.
 *
 * Region `fen` = NUTS UKH12 | UKH14. Organisations (number, id, kind, NACE, NUTS):
 *   0 f1 sme 26.11 UKH12 · 1 f2 firm 28.11 UKH12 · 2 f3 sme 62.01 UKH12 · 3 u1 university 85.42 UKH14
 *   4 r1 research-institute 26.51 UKH12 · 5 p1 public-body (no sector) UKH12
 *   6 x1 firm 62.01 DE212 (outside) · 7 y1 university 85.42 DE212 (outside)
 * Projects up to 2017 (start year, programme, members):
 *   P1 2015 SC1 {f1,u1,x1} · P2 2016 SC1|LEIT {f2,u1} · P3 2016 LEIT {r1,x1} · P4 2017 SC1 {f1,p1}
 *   P7 2016 SC4 {f2,x1} · P9 2016 ERC {x1,y1} · P10 2017 SC3 {f3,p1}
 * and after 2017: P5 2019 SC1 {f2,r1}.
 * Network at 2017: f1–u1, f1–x1, u1–x1, f2–u1, r1–x1, f1–p1, f2–x1, x1–y1, f3–p1.
 * Degrees: f1 3, f2 2, f3 1, u1 3, r1 1, p1 2, x1 5, y1 1.
 */
import type { Dataset } from '../../src/dataset/dataset.ts';
import type { Value } from '../../src/dataset/raw.ts';
import { dataset } from '../measures/fixtures.ts';

export const F1 = 0;
export const F2 = 1;
export const F3 = 2;
export const U1 = 3;
export const R1 = 4;
export const P1 = 5;
export const X1 = 6;
export const Y1 = 7;

export type Rows = Record<string, Record<string, Value | undefined>[]>;

export function smallRows(): Rows {
  const org = (id: string, kind: string, sector: string | null, country: string, nuts: string) => ({
    id,
    name: id.toUpperCase(),
    kind,
    sector,
    country,
    nuts,
  });
  const project = (id: string, start: string, programme: string) => ({
    id,
    programme,
    start: `${start}-01-01`,
  });
  const members: [string, string[]][] = [
    ['P1', ['f1', 'u1', 'x1']],
    ['P2', ['f2', 'u1']],
    ['P3', ['r1', 'x1']],
    ['P4', ['f1', 'p1']],
    ['P5', ['f2', 'r1']],
    ['P7', ['f2', 'x1']],
    ['P9', ['x1', 'y1']],
    ['P10', ['f3', 'p1']],
  ];
  return {
    regions: [
      { id: 'fen', name: 'Fen', kind: 'cluster', nuts: ['UKH12', 'UKH14'], localities: [], country: 'UK' },
    ],
    organisations: [
      org('f1', 'sme', '26.11', 'UK', 'UKH12'),
      org('f2', 'firm', '28.11', 'UK', 'UKH12'),
      org('f3', 'sme', '62.01', 'UK', 'UKH12'),
      org('u1', 'university', '85.42', 'UK', 'UKH14'),
      org('r1', 'research-institute', '26.51', 'UK', 'UKH12'),
      org('p1', 'public-body', null, 'UK', 'UKH12'),
      org('x1', 'firm', '62.01', 'DE', 'DE212'),
      org('y1', 'university', '85.42', 'DE', 'DE212'),
    ],
    projects: [
      project('P1', '2015', 'SC1'),
      project('P2', '2016', 'SC1|LEIT'),
      project('P3', '2016', 'LEIT'),
      project('P4', '2017', 'SC1'),
      project('P5', '2019', 'SC1'),
      project('P7', '2016', 'SC4'),
      project('P9', '2016', 'ERC'),
      project('P10', '2017', 'SC3'),
    ],
    participations: members.flatMap(([p, orgs]) => orgs.map((o) => ({ project: p, organisation: o }))),
  };
}

export function small(rows: Rows = smallRows()): Dataset {
  return dataset(rows);
}
