/** Worker-thread entry of small-world-thread.ts: runs the job it is given, once. */

import { workerData } from 'node:worker_threads';
import { runSmallWorldWorker } from './small-world-thread.ts';

runSmallWorldWorker(workerData);
