// A sortable table (click or press Enter on a header's button) with a CSV download of its rows.
import { csvButton } from './download.ts';
import { formatNumber } from './format.ts';

export interface TableSpec {
  name: string;
  caption: string;
  columns: string[];
  rows: unknown[][];
  /** Column notes shown under the table. */
  notes?: string[];
}

const missing = (v: unknown) => v === null || v === undefined;

/** Order of two cells; missing values ('–') go last whichever the direction. */
function compare(a: unknown, b: unknown, descending: boolean): number {
  if (missing(a) || missing(b)) return Number(missing(a)) - Number(missing(b));
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return descending ? -order : order;
}

export function sortableTable(spec: TableSpec): HTMLElement {
  const wrap = document.createElement('section');
  wrap.className = 'table-box';
  const head = document.createElement('div');
  head.className = 'table-head';
  const title = document.createElement('h3');
  title.textContent = spec.caption;
  head.append(
    title,
    csvButton(
      spec.name,
      () => spec.columns,
      () => rows,
    ),
  );
  const table = document.createElement('table');
  table.dataset.table = spec.name;
  let rows = spec.rows.slice();
  let sortColumn = -1;
  let descending = false;
  const thead = table.createTHead().insertRow();
  spec.columns.forEach((c, i) => {
    const th = document.createElement('th');
    th.scope = 'col';
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = c;
    b.addEventListener('click', () => {
      descending = sortColumn === i ? !descending : false;
      sortColumn = i;
      rows = spec.rows.slice().sort((x, y) => compare(x[i], y[i], descending));
      for (const h of th.parentElement!.querySelectorAll('th')) h.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      fill();
    });
    th.append(b);
    thead.append(th);
  });
  const body = table.createTBody();
  const fill = () => {
    body.replaceChildren(
      ...rows.map((r) => {
        const tr = document.createElement('tr');
        for (const v of r) {
          const td = document.createElement('td');
          if (typeof v === 'number' || v === null) {
            td.className = 'num';
            td.textContent = formatNumber(v as number | null);
            if (typeof v === 'number') td.dataset.value = String(v);
          } else td.textContent = String(v ?? '');
          tr.append(td);
        }
        return tr;
      }),
    );
  };
  fill();
  const scroller = document.createElement('div');
  scroller.className = 'scroll';
  scroller.append(table);
  wrap.append(head, scroller);
  if (spec.notes && spec.notes.length > 0) {
    const ul = document.createElement('ul');
    ul.className = 'notes';
    for (const n of spec.notes) {
      const li = document.createElement('li');
      li.textContent = n;
      ul.append(li);
    }
    wrap.append(ul);
  }
  return wrap;
}
