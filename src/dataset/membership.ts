/**
 * The vocabulary of region membership options, kept apart from regions.ts so that the Dataset can
 * carry them (dataset.ts) without importing the membership code that reads the Dataset.
 */

/**
 * How multi-site legal entities (a national research organisation registered at its head office,
 * with institutes in several regions) are placed: `flag` by the registered address, with the entity
 * named in every report; `exclude` in no region at all; `include` by the registered address and also
 * in every region holding one of its listed main sites.
 */
export const MULTI_SITE_MODES = ['flag', 'include', 'exclude'] as const;
export type MultiSiteMode = (typeof MULTI_SITE_MODES)[number];

/** One main site of a multi-site entity. */
export interface EntitySite {
  name: string;
  /** NUTS 2021 code of the site (NUTS-3 where known). */
  nuts: string | null;
  locality: string | null;
  country: string;
}

/** A multi-site legal entity matched to the Dataset: which organisations are it, and its main sites. */
export interface MultiSiteEntity {
  id: string;
  name: string;
  /** Indexes into dataset.organisations. */
  organisations: number[];
  sites: EntitySite[];
}

export interface MembershipOptions {
  /** Default `flag`. */
  multiSite?: MultiSiteMode;
  /** The multi-site entities found in the Dataset (`matchMultiSite` in src/regions/multi-site.ts). */
  entities?: readonly MultiSiteEntity[];
}
