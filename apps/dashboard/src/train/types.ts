/** What a training session is given, what it shows, and how it ends. */
import type { LossKind, Matrix, ScheduleKind, TrainEvaluation, TrainStep, UpdateRule } from '@svm/core';
import type { BackendInfo } from '../backend.js';
import type { DatasetFlags } from '../options/common.js';
import type { LossHistory } from './loss-history.js';

export interface TrainSettings {
  data: DatasetFlags;
  /** Validation examples: a count, or a share of the training set when < 1. */
  val: number;
  loss: LossKind;
  optimizer: UpdateRule;
  learningRate: number;
  schedule: ScheduleKind;
  reg: number;
  batchSize: number | 'full';
  steps: number;
  evalEvery?: number;
  /** Save the model here when the run ends (and on `s`). */
  save?: string;
  /** Copies of W in progress events, for the live templates (the TTY view). */
  snapshots: boolean;
}

/** What the header shows about the data and the machine. */
export interface TrainHeader {
  dataset: string;
  shapes: string;
  classNames: string[];
  imageShape?: number[];
  backend: BackendInfo;
}

export interface Outcome {
  stopped: 'done' | 'aborted' | 'diverged' | 'early-stopped';
  steps: number;
  loss: number;
  elapsedMs: number;
  trainAccuracy?: number;
  valAccuracy?: number;
  testAccuracy?: number;
  diverged?: { step: number; learningRate: number; loss: number };
  savedTo?: string;
  /** Why the final save (--save) failed: shown after the summary, and the run exits 1. */
  saveError?: string;
}

/** A line of the run's log, kept above the live view (Ink's <Static>). */
export type LogEntry =
  | { kind: 'checkpoint'; id: number; step: number; iterations: number; loss: number; learningRate: number; evaluation: TrainEvaluation; elapsedMs: number }
  | { kind: 'note'; id: number; text: string };

export interface TrainState {
  phase: 'loading' | 'training' | 'finishing' | 'done' | 'failed';
  header?: TrainHeader;
  settings: TrainSettings;
  step: number;
  iterations: number;
  elapsedMs: number;
  stepsPerSecond: number;
  etaMs: number;
  paused: boolean;
  last?: TrainStep;
  lastEvaluation?: TrainEvaluation;
  /** The rate the next step uses (the library's: schedule and live factors applied). */
  learningRate?: number;
  /** Product of the live learning-rate factors (+/- keys). */
  lrScale: number;
  losses: LossHistory;
  /** The newest copy of W and its step (for the templates). */
  weights?: { W: Matrix; step: number };
  log: LogEntry[];
  /** A transient status ("saved step 1200 to model.json"). */
  status?: string;
  outcome?: Outcome;
  error?: string;
}

/** Events for the plain and JSON printers (the TTY view reads TrainState instead). */
export type SessionEvent =
  | { type: 'start'; header: TrainHeader; settings: TrainSettings }
  | { type: 'progress'; step: number; iterations: number; last: TrainStep; evaluation?: TrainEvaluation; elapsedMs: number; stepsPerSecond: number; etaMs: number; paused: boolean }
  | { type: 'saved'; path: string; step: number }
  | { type: 'control'; action: 'pause' | 'resume' | 'scale-lr' | 'stop'; learningRateScale?: number }
  | { type: 'done'; outcome: Outcome };
