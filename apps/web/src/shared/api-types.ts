/**
 * The JSON the server sends: route responses and the events of its server-sent-event streams.
 * Shared by the server (which builds them) and the client (which reads them). Types only.
 */
import type { GradCheckEntry } from '@svm/core';
import type { GradCheckSettings, LandscapeSettings, RaceSettings, StepSizeSettings, TrainSettings, WebDataset } from './fields.js';

/** Every error response: Fastify's shape, plus the offending field when there is one. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** The request field a 400 is about (e.g. "learningRate"). */
  field?: string;
}

export interface HealthResponse {
  status: 'ok';
  /** 'native' (the C++ addon) or 'reference' (pure TypeScript; slower, blocks the event loop). */
  backend: string;
  uptimeS: number;
  jobs: { active: number; limit: number };
  analyses: { active: number; limit: number };
  /**
   * Event-loop delay since the previous /api/health call (perf_hooks.monitorEventLoopDelay,
   * sampled every 10 ms; the sampling interval itself is subtracted): 0 is an unblocked loop.
   */
  eventLoopDelayMs: { mean: number; p50: number; p99: number; max: number };
}

export interface DatasetEntry {
  name: WebDataset;
  description: string;
  /** False when the data is not installed on the server (fashion-mnist needs a Debian package). */
  available: boolean;
  /** Image data has class templates; 2-D points do not. */
  images: boolean;
  /** Sizes, once the server has loaded the dataset. */
  loaded?: { train: number; val: number; test: number; features: number; classes: number };
}

export interface CreatedJob {
  id: string;
  /** Where to open the event stream (GET, text/event-stream). */
  events: string;
}

/** `paused` once the run has stopped stepping; `stopping` after a stop, until its `done` is sent. */
export type JobState = 'waiting' | 'running' | 'paused' | 'stopping' | 'finished';

export interface RunStatus {
  id: string;
  kind: 'train' | 'race';
  state: JobState;
  settings: TrainSettings | RaceSettings;
  step?: number;
  /** The learning rate the run's next step uses (schedule and live scaling applied), while it runs or is paused. */
  learningRate?: number;
  stopped?: string;
}

// ---- training stream ----------------------------------------------------------------------

/** Class templates as 8-bit grey images: each class's weights, normalized jointly to 0…255. */
export interface TemplateImages {
  width: number;
  height: number;
  /** Image channels (1 grey, 3 RGB). */
  channels: number;
  /** One base64 string of width·height·channels bytes per class. */
  classes: string[];
}

export interface TrainStartEvent {
  id: string;
  settings: TrainSettings;
  classNames: string[];
  iterations: number;
  rows: { train: number; val: number; test: number };
  backend: string;
}

export interface TrainProgressEvent {
  step: number;
  iterations: number;
  elapsedMs: number;
  stepsPerSecond: number;
  etaMs: number;
  paused: boolean;
  learningRate: number;
  /** [step, batch loss, batch accuracy], thinned to a few hundred per event. */
  points: Array<[number, number, number]>;
  /** Accuracy over the whole training and validation sets, at the evaluation steps since the last event. */
  evaluations: Array<{ step: number; trainAccuracy: number; valAccuracy?: number }>;
  templates?: TemplateImages;
}

export interface TrainDoneEvent {
  stopped: 'done' | 'aborted' | 'diverged' | 'early-stopped';
  steps: number;
  loss: number;
  initialLoss: number;
  elapsedMs: number;
  /** The last evaluation's training accuracy; null when the run stopped before the first. */
  trainAccuracy: number | null;
  testAccuracy: number;
  /** counts[true][predicted] on the test set. */
  confusion: number[][];
  classNames: string[];
  templates?: TemplateImages;
  diverged?: { step: number; learningRate: number; loss: number };
  /** Where to download the trained model (JSON, LinearClassifier.fromJSON reads it). */
  model: string;
}

// ---- race stream --------------------------------------------------------------------------

export type RaceStrategyName = 'random-search' | 'random-local-search' | 'gradient-descent';

export interface RaceStartEvent {
  id: string;
  settings: RaceSettings;
  strategies: RaceStrategyName[];
  rows: number;
}

export interface RaceProgressEvent {
  /** New points per strategy since the last event: [evaluations, loss, elapsed ms]. */
  points: Partial<Record<RaceStrategyName, Array<[number, number, number]>>>;
}

export interface RaceDoneEvent {
  stopped: 'done' | 'aborted';
  entries: Array<{
    strategy: RaceStrategyName;
    loss: number;
    evaluations: number;
    elapsedMs: number;
    /** The whole curve, [evaluations, loss, elapsed ms], thinned to 1000 points. */
    history: Array<[number, number, number]>;
  }>;
}

/**
 * Event `failure`, sent instead of `done` when a job fails inside (a bug, not bad input). Not
 * named `error`: EventSource uses that name for its own connection errors.
 */
export interface StreamErrorEvent {
  message: string;
}

// ---- analyses -----------------------------------------------------------------------------

export interface LandscapeResponse {
  settings: LandscapeSettings;
  /**
   * Grid coordinates along the two directions: distances in weight space for path directions (unit
   * length; the grid reaches range × the path's reach), multiples of ‖W‖ for random ones.
   */
  a: number[];
  b: number[];
  /** Row-major: loss2d[i·b.length + j] = L(W + a[i]·W1 + b[j]·W2). */
  loss2d: number[];
  /** The line L(W + a·W1). */
  slice1d: { a: number[]; loss: number[] };
  /** The optimizer's path projected on the plane, with the full-data loss at each point. */
  path: { a: number[]; b: number[]; loss: number[] };
  /** L(W) at the centre: where the path ends (its start when pathSteps is 0). */
  centerLoss: number;
  elapsedMs: number;
}

export interface StepSizeResponse {
  settings: StepSizeSettings;
  /** L(W) before the step. */
  initialLoss: number;
  entries: Array<{ stepSize: number; loss: number; change: number; rises: boolean }>;
  /** Index of the step size with the lowest loss. */
  best: number;
  /** Index of the first step size past the best where the loss rises above L(W), or null. */
  firstRise: number | null;
  elapsedMs: number;
}

export interface GradCheckReportJson {
  dtype: 'float64' | 'float32';
  maxRelError: number;
  maxRelErrorAwayFromKinks: number;
  loss: number;
  /** Each check as @svm/core reports it (verdict: CS231n's reading of relError), without roundingError. */
  checks: Array<Pick<GradCheckEntry, 'row' | 'col' | 'analytic' | 'numeric' | 'relError' | 'nearKink' | 'verdict'>>;
}

export interface GradCheckResponse {
  settings: GradCheckSettings;
  float64: GradCheckReportJson;
  float32: GradCheckReportJson;
  rows: number;
  elapsedMs: number;
}
