// The dashboard's one door to the server: JSON GET/POST with the server's error message surfaced.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  if (!response.ok) throw new ApiError(response.status, body.message ?? `HTTP ${response.status}`);
  return body as T;
}

export async function get<T>(
  path: string,
  params: Record<string, string | number | undefined> = {},
): Promise<T> {
  const query = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return answer<T>(await fetch(`api/${path}${query ? `?${query}` : ''}`));
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  return answer<T>(
    await fetch(`api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

// The shapes the server answers with (src/server/*.ts, docs/api.md).
export interface Region {
  id: string;
  name: string;
  nuts: string[];
  study: boolean;
  organisations: number;
}
export interface Indicator {
  name: string;
  value: number | null;
  unit?: string | null;
  notAvailable?: string;
}
export interface Table {
  measure: string;
  description?: string;
  columns?: string[];
  rows?: unknown[][];
  notAvailable?: string;
  notes?: string[];
}
export interface FamilyReport {
  family: string;
  tables: Table[];
  indicators: Indicator[];
}
export interface Comparison {
  regions: string[];
  notes: string[];
  rows: { name: string; unit: string | null; values: (number | null)[]; notes: (string | null)[] }[];
  learning: {
    region: string;
    zSpinoff: number | null;
    zNetworking: number | null;
    zMobility: number | null;
    index: number | null;
  }[];
}
