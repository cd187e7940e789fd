/**
 * Sectoral structure: what a cluster's firms do, how varied that is, and how it changes. Shares of
 * NACE divisions and sections, Shannon entropy split into related and unrelated variety (Frenken,
 * Van Oort & Verburg 2007), the Herfindahl–Hirschman index, location quotients and the Krugman
 * specialisation index against a reference set of regions, and the same measures over time with a
 * verdict: is the region diversifying or specialising? (Keeble & Wilkinson's network found the
 * European high-technology clusters of the 1990s diversifying, executive summary §6.)
 *
 * Only firms count (FIRM_KINDS). Sectors come from `organisations.sector`, read with `parseNace`;
 * firms with no sector, an unreadable one or a section letter only are counted in a note, not
 * silently dropped. The snapshot year E is the earlier of the selection's last year and the latest
 * year in the data; the snapshot holds the firms active in E (founded ≤ E, or founding unknown, and
 * not closed before E).
 */
import type { Dataset } from '../dataset/dataset.ts';
import {
  type FamilyReport,
  type Indicator,
  indicator,
  type MeasureResult,
  notAvailable,
  type Selection,
} from './common.ts';

export { krugmanIndex, SECTION_LETTERS, sectoralVariety, type Variety } from './variety.ts';

import { activeTable, foundingTable, timeScope } from './sector-change.ts';
import {
  CLASS_LEVEL,
  checkSectorsOptions,
  DIVISION_DESCRIPTION,
  divisionTable,
  krugmanTable,
  lqTable,
  SECTION_DESCRIPTION,
  type SectorsOptions,
  sectionTable,
  takeSnapshot,
  VARIETY_DESCRIPTION,
  varietyTable,
} from './sector-structure.ts';

export { checkSectorsOptions, SECTORS_DEFAULTS, type SectorsOptions } from './sector-structure.ts';
// ---------------------------------------------------------------------------------------------
// Exported measures and the family

/**
 * Shares of NACE divisions and sections among a region's firms active in the snapshot year E,
 * weighted by employment (each firm's latest record up to E) when every firm has one, else by firm
 * counts (option `weight`). Cost O(n + employment rows).
 * Example: firms in 62, 62, 63 and 26 → division shares 62: ½, 63: ¼, 26: ¼; sections J: ¾, C: ¼.
 */
export function sectorShares(
  dataset: Dataset,
  selection: Selection = {},
  options: SectorsOptions = {},
): MeasureResult[] {
  const s = takeSnapshot(dataset, selection, checkSectorsOptions(options));
  if (typeof s === 'string') {
    return [
      notAvailable('sectors.divisionShares', DIVISION_DESCRIPTION, s),
      notAvailable('sectors.sectionShares', SECTION_DESCRIPTION, s),
    ];
  }
  return [divisionTable(s), sectionTable(s)];
}

/**
 * Location quotients LQ_d = (w_d / Σw in the region) / (w_d / Σw in the reference) for every
 * division present in either (Isard 1960, Methods of Regional Analysis); not available for a
 * division the reference lacks. Reference: option `referenceRegions`, default the whole dataset.
 * Cost O(n · reference regions).
 * Example: region 62: 3, 26: 1; reference 62: 4, 26: 4 → LQ_62 = ¾ / ½ = 1.5, LQ_26 = ¼ / ½ = 0.5.
 */
export function locationQuotients(
  dataset: Dataset,
  selection: Selection = {},
  options: SectorsOptions = {},
): MeasureResult {
  return lqTable(takeSnapshot(dataset, selection, checkSectorsOptions(options)));
}

/**
 * Sectoral variety over time, by founding window (`sectors.changeByFounding`, option `window`,
 * default 5 years) and by year over the firms active in it (`sectors.changeByActiveYear`), each
 * with a verdict per step: "diversifying" when entropy rises, "specialising" when it falls.
 * Cost O(n + years · 99).
 * Example: founded 1990–1994 in 62, 62; 1995–1999 in 62, 26 → entropy 0 then 1: diversifying.
 */
export function sectoralChange(
  dataset: Dataset,
  selection: Selection = {},
  options: SectorsOptions = {},
): MeasureResult[] {
  const o = checkSectorsOptions(options);
  const t = timeScope(dataset, selection);
  return [foundingTable(dataset, t, o.window), activeTable(dataset, t)];
}

/**
 * The sectoral-structure family. Tables: division and section shares, variety (entropy, related
 * and unrelated variety, Herfindahl), location quotients, Krugman index, change by founding window
 * and by active year. Indicators: `sectors.entropy`, `sectors.unrelatedVariety`,
 * `sectors.relatedVariety` (bits), `sectors.herfindahl`, `sectors.divisions`, `sectors.krugman`.
 * Cost O(n + employment rows + years · 99).
 */
export function sectors(
  dataset: Dataset,
  selection: Selection = {},
  options: SectorsOptions = {},
): FamilyReport {
  const o = checkSectorsOptions(options);
  const s = takeSnapshot(dataset, selection, o);
  const t = timeScope(dataset, selection);
  const reason = typeof s === 'string' ? s : '';
  const tables: MeasureResult[] =
    typeof s === 'string'
      ? [
          notAvailable('sectors.divisionShares', DIVISION_DESCRIPTION, s),
          notAvailable('sectors.sectionShares', SECTION_DESCRIPTION, s),
          notAvailable('sectors.variety', VARIETY_DESCRIPTION, s),
        ]
      : [divisionTable(s), sectionTable(s), varietyTable(s)];
  const krugman = krugmanTable(s);
  tables.push(lqTable(s), krugman.table, foundingTable(dataset, t, o.window), activeTable(dataset, t));
  const v = typeof s === 'string' ? null : s.variety;
  const nested = typeof s === 'string' ? null : s.nested;
  const bits = nested
    ? `bits, ${nested.level === CLASS_LEVEL ? 'classes within divisions' : 'divisions within sections'}`
    : 'bits';
  const indicators: Indicator[] = [
    indicator('sectors.entropy', nested?.entropy, bits, reason),
    indicator('sectors.unrelatedVariety', nested?.unrelatedVariety, bits, reason),
    indicator('sectors.relatedVariety', nested?.relatedVariety, bits, reason),
    indicator('sectors.herfindahl', v?.herfindahl, 'share', reason),
    indicator('sectors.divisions', v?.divisions, 'divisions', reason),
    indicator('sectors.krugman', krugman.value, 'index', krugman.reason),
  ];
  return { family: 'sectors', tables, indicators };
}
