/**
 * Warm-up: computes, before the URL is printed, the answers the dashboard's first page asks for —
 * the region list and the Overview of the region it opens on (its measures, the learning index
 * across the study clusters, the findings' verdicts) — so the first opening is served from the
 * cache. Those first answers are where the time of a first opening goes (about 1.7 s of measures
 * on the ten-cluster demo, against a few ms for the page and its script on loopback). The requests
 * mirror web/src/main.ts (which region opens) and web/src/views/overview.ts (what it asks for);
 * test/web/dashboard.test.ts checks that the first Overview then computes nothing.
 */
import type { FastifyInstance } from 'fastify';

/** The families the Overview shows (web/src/views/overview.ts). */
export const OVERVIEW_FAMILIES = 'evolution,spinoffs,ties,mobility,knowledge,learning';

interface Listed {
  id: string;
  study: boolean;
  organisations: number;
}

export async function warmOverview(app: FastifyInstance): Promise<void> {
  const listed = (await app.inject({ url: '/api/regions' })).json() as Listed[];
  // the region picker's order: regions with organisations, the study clusters first
  const shown = listed.filter((r) => r.organisations > 0).sort((a, b) => Number(b.study) - Number(a.study));
  const first = shown[0];
  if (first === undefined) return;
  const study = shown.filter((r) => r.study).map((r) => r.id);
  const across = study.length >= 2 ? study : shown.map((r) => r.id);
  if (!across.includes(first.id)) across.push(first.id);
  const id = encodeURIComponent(first.id);
  const urls = [
    `/api/regions/${id}/measures?families=${encodeURIComponent(OVERVIEW_FAMILIES)}`,
    `/api/regions/${id}/findings`,
  ];
  if (across.length >= 2) urls.push(`/api/learning?regions=${encodeURIComponent(across.join(','))}`);
  // one after another: each is a computation on the one thread anyway
  for (const url of urls) await app.inject({ url });
}
