/**
 * The controlled vocabularies of the data model, in the field's words.
 *
 * Organisation kinds follow the actors of the innovative-milieu literature: small and large firms,
 * multinational subsidiaries and their R&D laboratories, universities, research institutes,
 * technology centres, science parks, public agencies and collective agents (chambers, clubs,
 * associations). `firm` is a firm whose size is not known (CORDIS `PRC` without an SME flag) and
 * `public-body` is CORDIS `PUB`.
 */
export const ORGANISATION_KINDS = [
  'sme',
  'large-firm',
  'firm',
  'mnc-subsidiary',
  'mnc-rd-lab',
  'university',
  'research-institute',
  'technology-centre',
  'science-park',
  'agency',
  'public-body',
  'collective-agent',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Kinds that are firms, for firm-level measures. */
export const FIRM_KINDS: readonly OrganisationKind[] = [
  'sme',
  'large-firm',
  'firm',
  'mnc-subsidiary',
  'mnc-rd-lab',
];

/** Kinds that make up the knowledge infrastructure of a region. */
export const KNOWLEDGE_CENTRE_KINDS: readonly OrganisationKind[] = [
  'university',
  'research-institute',
  'technology-centre',
  'science-park',
];

/**
 * Tie kinds. `customer`/`supplier` are vertical (a supply relation, read source → target: the source
 * is the customer or the supplier of the target); the others are horizontal. `co-participation` is
 * never stored: the Dataset derives it from shared projects.
 */
export const TIE_KINDS = [
  'customer',
  'supplier',
  'collaboration',
  'rd-project',
  'licensing',
  'liaison',
  'service',
  'co-participation',
] as const;
export type TieKind = (typeof TIE_KINDS)[number];
export const STORED_TIE_KINDS = TIE_KINDS.filter((k) => k !== 'co-participation');
export const VERTICAL_TIE_KINDS: readonly TieKind[] = ['customer', 'supplier'];

export const PARTICIPATION_ROLES = ['coordinator', 'participant', 'partner', 'third-party', 'other'] as const;

export const INNOVATION_SOURCES = [
  'customers',
  'suppliers',
  'competitors',
  'universities',
  'research-institutes',
  'technology-centres',
  'consultants',
  'parent',
] as const;

export const INITIATIVE_LEVELS = ['eu', 'national', 'regional', 'local'] as const;

export const REGION_KINDS = ['nuts', 'cluster'] as const;

/** Scope of a tie, from the regions of its two ends (see DESIGN.md). */
export const TIE_SCOPES = ['local', 'national', 'international', 'global'] as const;
export type TieScope = (typeof TIE_SCOPES)[number];
