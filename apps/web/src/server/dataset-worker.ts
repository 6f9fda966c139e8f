/**
 * Worker thread: prepares one dataset (workerData: its name) and posts it back, its arrays
 * transferred. Loading and preprocessing Fashion-MNIST holds a thread for about a second (MNIST
 * a third of that), which in the server's thread would stall every request and event stream.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WebDataset } from '../shared/fields.js';
import { prepareDataset } from './prepare.js';
import { packPrepared } from './prepared-transfer.js';

const { message, transfer } = packPrepared(await prepareDataset((workerData as { name: WebDataset }).name));
parentPort!.postMessage(message, transfer);
