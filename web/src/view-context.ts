/**
 * What every view is given by the router (main.ts): kept apart so the views and the router do not
 * import each other.
 */
import type { Region } from './api.ts';

export interface ViewContext {
  region: string;
  regions: Region[];
  main: HTMLElement;
  /** Whether the server can test findings (false: the Overview says they are not available yet). */
  findings: boolean;
}
