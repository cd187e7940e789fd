/**
 * The version of the store's schema (see schema.ts for what a change to it requires). In a module of
 * its own so that `milieu init`'s copy of the empty store can check it without loading the table
 * specs and their validators.
 */
export const SCHEMA_VERSION = 2;
