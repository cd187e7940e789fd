/** Worker-thread entry of null-model-thread.ts: runs the jobs it is posted, in order, for as long as it lives. */

import { parentPort } from 'node:worker_threads';
import { runNullModelWorker } from './null-model-thread.ts';

parentPort?.on('message', runNullModelWorker);
