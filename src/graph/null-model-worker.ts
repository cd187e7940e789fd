/** Worker-thread entry of null-model-thread.ts: runs the job it is given, once. */

import { workerData } from 'node:worker_threads';
import { runNullModelWorker } from './null-model-thread.ts';

runNullModelWorker(workerData);
