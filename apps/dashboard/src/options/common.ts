/**
 * Flags several commands share — which dataset, how to print, which backend — defined once so
 * every command spells, documents and validates them the same way.
 */
import { Command, Option } from 'commander';
import { DATASETS, UPDATE_RULES, SCHEDULES } from '@svm/core';
import { numberIn } from './parse.js';

export const DATASET_NAMES = DATASETS.map((d) => d.name);
export const LOSSES = ['svm', 'softmax'] as const;
export const OPTIMIZERS = [...UPDATE_RULES];
export const SCHEDULE_NAMES = [...SCHEDULES];
/** The largest seed: the web API's bound too (a non-negative 32-bit signed integer). */
export const SEED_MAX = 2 ** 31 - 1;

/** The dataset flags as parsed. */
export interface DatasetFlags {
  dataset: string;
  dir?: string;
  path?: string;
  label?: string;
  limit?: number;
  seed: number;
}

/** How results are printed. */
export interface OutputFlags {
  json?: boolean;
  plain?: boolean;
}

export interface BackendFlags {
  backend?: 'native' | 'reference';
  threads?: number;
}

export function addDatasetOptions(cmd: Command, opts: { limitHelp?: string } = {}): Command {
  return cmd
    .addOption(new Option('-d, --dataset <name>', 'dataset to use').choices(DATASET_NAMES).default('mnist'))
    .option('--dir <folder>', 'folder holding the data (cifar10; fashion-mnist when not installed in the default place)')
    .option('--path <file>', 'CSV file (with --dataset csv)')
    .option('--label <column>', 'CSV label column, by name or index (default: the last column)')
    .option('--limit <n>', opts.limitHelp ?? 'use at most this many training examples', numberIn({ integer: true, min: 1 }))
    .option('--seed <n>', 'seed of the splits, the initial weights and everything random (0 to 2^31-1)', numberIn({ integer: true, min: 0, max: SEED_MAX }), 0);
}

export function addOutputOptions(cmd: Command): Command {
  return cmd
    .option('--json', 'print one JSON object per event (for machines)')
    .option('--plain', 'print plain text lines even on a terminal (what pipes and CI get)');
}

export function addBackendOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--backend <name>', 'compute backend (default: native when it loads)').choices(['native', 'reference']))
    .option('--threads <n>', 'threads for the native kernels (default: what the library picks)', numberIn({ integer: true, min: 1, max: 256 }));
}

export function lossOption(): Option {
  return new Option('--loss <kind>', 'loss function').choices([...LOSSES]).default('svm');
}

export function regOption(fallback: number): Option {
  return new Option('--reg <strength>', 'L2 regularization strength').argParser(numberIn({ min: 0 })).default(fallback);
}
