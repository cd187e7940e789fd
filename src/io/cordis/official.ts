/**
 * The official CORDIS exports users download: organization.csv (participations with organisation
 * details) and project.csv, `;`-separated and quoted.
 */

import { basename } from 'node:path';
import type { InputIssue } from '../../errors.ts';
import { NUTS_PATTERN } from '../../model/index.ts';
import { Memo } from './csv.ts';
import { type CsvFile, type Layout, pick, readCsv } from './files.ts';
import { listed, Organisations, type Parsed, Participations, Projects } from './tables.ts';
import {
  activityType,
  cleanCity,
  cleanName,
  mapRole,
  parseDate,
  parseFlag,
  parseNumber,
  text,
} from './values.ts';

/** Official exports: organization.csv (participations with organisation details) and project.csv. */
export function parseOfficial(
  layout: Layout,
  files: string[],
  issues: InputIssue[],
  progress: () => void,
): Parsed | null {
  const notes: string[] = [];
  const orgFile = layout.organisation!;
  progress();
  files.push(orgFile);
  const orgCsv = readCsv(
    orgFile,
    [
      'projectID',
      'projectAcronym',
      'organisationID',
      'organizationID',
      'name',
      'SME',
      'activityType',
      'city',
      'country',
      'nutsCode',
      'geolocation',
      'role',
      'ecContribution',
      'netEcContribution',
    ],
    [],
    issues,
    notes,
  );
  let projCsv: CsvFile | null = null;
  if (layout.project !== undefined) {
    progress();
    files.push(layout.project);
    projCsv = readCsv(
      layout.project,
      [
        'id',
        'projectID',
        'acronym',
        'startDate',
        'endDate',
        'totalCost',
        'legalBasis',
        'programme',
        'frameworkProgramme',
      ],
      [],
      issues,
      notes,
    );
    if (projCsv !== null && pick(projCsv.csv, 'id', 'projectID') === undefined) {
      issues.push({ file: layout.project, line: 1, column: 'id', reason: 'required column is missing' });
      projCsv = null;
    }
  }
  if (orgCsv === null) return null;
  const o = orgCsv.csv;
  const projectIds = o.columns.projectID;
  const orgIds = pick(o, 'organisationID', 'organizationID');
  if (projectIds === undefined)
    issues.push({ file: orgFile, line: 1, column: 'projectID', reason: 'required column is missing' });
  if (orgIds === undefined) {
    issues.push({ file: orgFile, line: 1, column: 'organisationID', reason: 'required column is missing' });
  }
  if (projectIds === undefined || orgIds === undefined || (layout.project !== undefined && projCsv === null))
    return null;

  // Projects of project.csv first, in file order; a repeated id stays for the validator to report.
  const projects = new Projects().withAttributes((projCsv?.csv.rowCount ?? 0) + o.rowCount);
  if (projCsv !== null) {
    const p = projCsv.csv;
    const pc = p.columns;
    const pf = files.indexOf(projCsv.file);
    const ids = pick(p, 'id', 'projectID')!;
    const programmes = pick(p, 'legalBasis', 'programme');
    for (let i = 0; i < p.rowCount; i++) {
      const project = projects.add(projects.keys.add(ids, i), pf, p.lines[i]);
      projects.acronym[project] = text(pc.acronym?.text(i));
      projects.programme[project] = text(programmes?.interned(i)) ?? text(pc.frameworkProgramme?.interned(i));
      projects.start[project] = parseDate(pc.startDate?.interned(i));
      projects.end[project] = parseDate(pc.endDate?.interned(i));
      projects.cost[project] = pc.totalCost?.number(i) ?? null;
    }
  }
  const listedProjects = projects.size;

  const fileIndex = files.indexOf(orgFile);
  const organisations = new Organisations().withAttributes(o.rowCount);
  const participations = new Participations(o.rowCount, projects, organisations);
  const badNuts: string[] = [];
  let badNutsCount = 0;
  const unknownTypes = new Map<string, number>();
  const c = o.columns;
  const contributions = c.ecContribution ?? c.netEcContribution;
  const types = new Memo(c.activityType, (raw) => organisations.types.of(activityType(raw)));
  const countries = new Memo(c.country, (raw) => organisations.countries.of(text(raw)));
  const roles = new Memo(c.role, mapRole);
  for (let i = 0; i < o.rowCount; i++) {
    const line = o.lines[i];
    const projectKey = projects.keys.add(projectIds, i);
    let project = -1;
    if (projectKey >= 0) {
      project = projects.of(projectKey);
      if (project < 0) {
        project = projects.add(projectKey, fileIndex, line);
        projects.acronym[project] = text(c.projectAcronym?.text(i));
      }
    }
    const org = organisations.add(orgIds, i, fileIndex, line);
    if (org >= 0) {
      const type = types.get(i);
      organisations.countUnknownType(type, unknownTypes);
      organisations.setType(org, type);
      organisations.countCountry(org, countries.get(i));
      if (organisations.sme[org] === null) organisations.sme[org] = parseFlag(c.SME?.interned(i));
      organisations.name[org] ??= cleanName(c.name?.text(i));
      organisations.locality[org] ??= cleanCity(c.city?.text(i));
      if (organisations.nuts[org] === null) {
        const nuts = text(c.nutsCode?.interned(i));
        if (nuts !== null) {
          if (NUTS_PATTERN.test(nuts.toUpperCase())) organisations.nuts[org] = nuts.toUpperCase();
          else {
            badNutsCount++;
            if (badNuts.length < 5) badNuts.push(`'${nuts}' at line ${line}`);
          }
        }
      }
      if (organisations.lat[org] === null && organisations.lon[org] === null) {
        const geo = text(c.geolocation?.text(i));
        if (geo !== null) {
          const parts = geo.split(',');
          if (parts.length === 2) {
            organisations.lat[org] = parseNumber(parts[0]);
            organisations.lon[org] = parseNumber(parts[1]);
          } else organisations.lat[org] = geo;
        }
      }
    }
    participations.add(
      fileIndex,
      orgFile,
      line,
      project,
      org,
      roles.get(i),
      contributions?.number(i) ?? null,
    );
  }
  if (badNutsCount > 0) {
    notes.push(
      `${badNutsCount} nutsCode value(s) are not NUTS codes and were dropped (e.g. ${badNuts.join(', ')})`,
    );
  }
  if (unknownTypes.size > 0)
    notes.push(`unknown activity types, organisations stored as 'other': ${listed(unknownTypes)}`);
  let conflicting = 0;
  for (let k = 0; k < organisations.size; k++) if (organisations.hasOtherType(k)) conflicting++;
  if (conflicting > 0)
    notes.push(`${conflicting} organisation(s) have rows with different activity types; the first was used`);
  const added = projects.size - listedProjects;
  if (projCsv === null) {
    notes.push(`no project.csv: the ${added} projects come from ${basename(orgFile)} (id and acronym only)`);
  } else if (added > 0) {
    notes.push(
      `${added} project(s) of ${basename(orgFile)} are not in ${basename(projCsv.file)}: kept with id and acronym only`,
    );
  }
  return { organisations, projects, participations, notes };
}
