/** Milieu's library API. */
export * as bridging from './bridging/index.ts';
export * from './dataset/index.ts';
export * from './errors.ts';
export * from './graph/index.ts';
export { readJson } from './io/json.ts';
export { readPackage } from './io/package.ts';
export * as measures from './measures/index.ts';
export { type NetworkSummary, networkSummary } from './measures/network-summary.ts';
export * from './model/index.ts';
export * as regions from './regions/index.ts';
export { type ClusterLinkages, rtdLinkages } from './report/rtd.ts';
export * as sim from './sim/index.ts';
export { type ImportOptions, type ImportResult, importSource } from './store/import.ts';
export { type StoreInfo, storeInfo } from './store/info.ts';
export type { Progress, Reader, ReadSummary } from './store/reader.ts';
export { inTransaction, openStore, type Store } from './store/store.ts';
export { MILIEU_VERSION } from './version.ts';
