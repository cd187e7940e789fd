/**
 * The republished files: participations (gz) joined with the 2017 H2020 and the FP7 organisation
 * lists, plus each project's programme part.
 */

import { basename } from 'node:path';
import type { InputIssue } from '../../errors.ts';
import { Memo } from './csv.ts';
import { type CsvFile, type Layout, readCsv } from './files.ts';
import { listed, Organisations, type Parsed, Participations, Projects } from './tables.ts';
import {
  activityType,
  cityFromAddress,
  cleanCity,
  cleanName,
  label,
  mapRole,
  parseDate,
  text,
} from './values.ts';

/** Republished files: participations (gz) joined with the 2017 H2020 and the FP7 organisation lists. */
export function parseRepublished(
  layout: Layout,
  files: string[],
  issues: InputIssue[],
  progress: () => void,
): Parsed | null {
  const notes: string[] = [];
  const partFile = layout.participations!;
  progress();
  files.push(partFile);
  const partCsv = readCsv(
    partFile,
    ['rcn', 'role', 'pic', 'type', 'contribution', 'country', 'start_date', 'end_date', 'total_cost'],
    ['rcn', 'pic'],
    issues,
    notes,
  );
  const read = (
    file: string | undefined,
    fields: string[],
    required: string[],
  ): CsvFile | null | undefined => {
    if (file === undefined) return undefined;
    progress();
    files.push(file);
    return readCsv(file, fields, required, issues, notes);
  };
  const parts = read(layout.programmeParts, ['rcn', 'programme_part'], ['rcn', 'programme_part']);
  const h2020 = read(
    layout.h2020Organisations,
    ['orgId', 'name', 'activityType', 'city', 'country'],
    ['orgId'],
  );
  const fp7 = read(
    layout.fp7Organisations,
    ['idOrganization', 'name', 'country', 'address'],
    ['idOrganization'],
  );
  if (partCsv === null || parts === null || h2020 === null || fp7 === null) return null;

  const p = partCsv.csv;
  const c = p.columns;
  const pf = files.indexOf(partFile);
  const organisations = new Organisations();
  const projects = new Projects();
  const participations = new Participations(p.rowCount, projects, organisations);
  const unknownTypes = new Map<string, number>();
  const types = new Memo(c.type, (raw) => organisations.types.of(activityType(raw)));
  const countries = new Memo(c.country, (raw) => organisations.countries.of(text(raw)));
  const roles = new Memo(c.role, mapRole);
  const starts = new Memo(c.start_date, parseDate);
  const ends = new Memo(c.end_date, parseDate);
  // In passes: first each row's project, organisation, type and country are looked up into small
  // arrays, then organisations are updated, then participations added. Short loops whose rows do
  // not depend on each other keep several memory accesses in flight; one loop doing everything
  // would wait for each in turn.
  const n = p.rowCount;
  const projectOf = new Int32Array(n);
  const organisationOf = new Int32Array(n);
  const typeOf = new Int32Array(n);
  const countryOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = projects.keys.add(c.rcn, i);
    let project = projects.of(key);
    if (key >= 0 && project < 0) {
      // A project's dates and cost are those of its first row (appended in project order).
      project = projects.add(key, pf, p.lines[i]);
      projects.start[project] = starts.get(i);
      projects.end[project] = ends.get(i);
      projects.cost[project] = c.total_cost?.number(i) ?? null;
    }
    projectOf[i] = project;
    organisationOf[i] = organisations.add(c.pic, i, pf, p.lines[i]);
    typeOf[i] = types.get(i);
    countryOf[i] = countries.get(i);
  }
  projects.padAttributes();
  for (let i = 0; i < n; i++) {
    const org = organisationOf[i];
    if (org < 0) continue;
    organisations.countUnknownType(typeOf[i], unknownTypes);
    organisations.setType(org, typeOf[i]);
    organisations.countCountry(org, countryOf[i]);
  }
  for (let i = 0; i < n; i++) {
    participations.add(
      pf,
      partFile,
      p.lines[i],
      projectOf[i],
      organisationOf[i],
      roles.get(i),
      c.contribution?.number(i) ?? null,
    );
  }
  if (unknownTypes.size > 0)
    notes.push(`unknown activity types, organisations stored as 'other': ${listed(unknownTypes)}`);
  organisations.withAttributes(organisations.size);

  if (parts !== undefined) {
    const l = parts.csv;
    const labels = new Memo(l.columns.programme_part, label);
    const programme = projects.programme;
    let unknown = 0;
    for (let i = 0; i < l.rowCount; i++) {
      const project = projects.of(projects.keys.find(l.columns.rcn, i));
      const part = labels.get(i);
      if (project < 0) unknown++;
      else if (part !== null) {
        // A project can belong to several programme parts: all are kept, joined with `|`.
        const known = programme[project];
        if (known === null) programme[project] = part;
        else if (!known.split('|').includes(part)) programme[project] = `${known}|${part}`;
      }
    }
    let without = 0;
    let several = 0;
    for (let project = 0; project < projects.size; project++) {
      const known = programme[project];
      if (known === null) without++;
      else if (known.includes('|')) several++;
    }
    const name = basename(parts.file);
    if (several > 0) {
      notes.push(
        `${several} projects belong to several programme parts in ${name}: stored joined with '|' (e.g. 'SC4|LEIT')`,
      );
    }
    if (without > 0) notes.push(`${without} of ${projects.size} projects have no programme part in ${name}`);
    if (unknown > 0)
      notes.push(`${unknown} row(s) of ${name} name projects without participations: left out`);
  }

  // Names and cities from the lists, the 2017 H2020 list first; types and countries only where missing.
  // Only the rows of organisations that take part are looked at beyond their id.
  let typeDisagreements = 0;
  for (const list of [h2020, fp7]) {
    if (list === undefined) continue;
    const l = list.csv;
    const lc = l.columns;
    const isH2020 = list === h2020;
    const ids = isH2020 ? lc.orgId : lc.idOrganization;
    const listCountries = new Memo(lc.country, (raw) => organisations.countries.of(text(raw)));
    const listTypes = new Memo(lc.activityType, (raw) => organisations.types.of(activityType(raw)));
    // Many organisations share a city: each distinct one is cleaned once.
    const cities = new Memo(lc.city, cleanCity);
    let matched = 0;
    for (let i = 0; i < l.rowCount; i++) {
      const org = organisations.keys.find(ids, i);
      if (org < 0) continue;
      matched++;
      organisations.name[org] ??= cleanName(lc.name?.text(i));
      organisations.locality[org] ??= isH2020 ? cities.get(i) : cityFromAddress(lc.address?.text(i));
      if (!organisations.hasCountry(org)) organisations.countCountry(org, listCountries.get(i));
      if (isH2020) {
        const type = listTypes.get(i);
        const known = organisations.type(org);
        if (known < 0) organisations.setMissingType(org, type);
        else if (type >= 0 && type !== known) typeDisagreements++;
      }
    }
    notes.push(
      `${basename(list.file)}: ${matched} of its ${l.rowCount} organisations take part in a project; the other ${l.rowCount - matched} are left out`,
    );
  }
  if (typeDisagreements > 0) {
    notes.push(
      `${typeDisagreements} organisation(s) have another activity type in the 2017 H2020 list than in the participations; the participations' type was used`,
    );
  }
  let conflicting = 0;
  let unnamed = 0;
  for (let o = 0; o < organisations.size; o++) {
    if (organisations.hasOtherType(o)) conflicting++;
    if (organisations.name[o] === null) unnamed++;
  }
  if (conflicting > 0)
    notes.push(`${conflicting} organisation(s) have rows with different activity types; the first was used`);
  if (unnamed > 0)
    notes.push(`${unnamed} of ${organisations.size} organisations are in neither organisation list: no name`);
  notes.push('these files carry no SME flag: private companies (PRC) are stored as kind firm');
  return { organisations, projects, participations, notes };
}
