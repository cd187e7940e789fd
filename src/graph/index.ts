/** Typed-array graph kernels: CSR construction, bipartite projection, components, clustering. */

export type { ClusteringSummary } from './clustering.ts';
export {
  averageClustering,
  clusteringSummary,
  localClustering,
  totalTriangles,
  transitivity,
  trianglesPerNode,
} from './clustering.ts';
export type { Components } from './components.ts';
export { connectedComponents } from './components.ts';
export type { Csr } from './csr.ts';
export { buildUndirectedCsr, degrees, edgeCount } from './csr.ts';
export { projectBipartite } from './projection.ts';
