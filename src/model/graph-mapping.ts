/**
 * How the nodes and edges of a graph file (GEXF, GraphML) map onto Milieu's tables: attribute
 * names (compared after `headerKey` normalisation: case, spaces, `_`, `-`, `.` ignored) → column.
 * The reader (src/io/graph-file.ts) and docs/data-format.md (src/model/docs.ts) both use it.
 */

/** Node attribute names → `organisations` column. The node id is the organisation id. */
export const NODE_ATTRIBUTE_COLUMNS: Readonly<Record<string, string>> = {
  label: 'name',
  name: 'name',
  kind: 'kind',
  sector: 'sector',
  founded: 'founded',
  closed: 'closed',
  country: 'country',
  nuts: 'nuts',
  nuts3: 'nuts',
  nutscode: 'nuts',
  locality: 'locality',
  city: 'locality',
  town: 'locality',
  lat: 'lat',
  latitude: 'lat',
  lon: 'lon',
  lng: 'lon',
  longitude: 'lon',
  sme: 'sme',
};

/** Edge attribute names → `ties` column. The edge's source and target are the tie's ends. */
export const EDGE_ATTRIBUTE_COLUMNS: Readonly<Record<string, string>> = {
  kind: 'kind',
  weight: 'weight',
  start: 'start',
  end: 'end',
};

/** The organisation kind of a node without a `kind` attribute. */
export const DEFAULT_NODE_KIND = 'other';
/** The tie kind of an edge without a `kind` attribute: a horizontal tie, no further claim. */
export const DEFAULT_EDGE_KIND = 'collaboration';
