/** Worker-thread entry of the run pool (pool.ts): piscina calls the default export with each task. */
import { type ReplicateResult, type ReplicateTask, runReplicate } from './replicate.ts';

export default function replicate(task: ReplicateTask): ReplicateResult {
  return runReplicate(task);
}
