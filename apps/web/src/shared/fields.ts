/**
 * Every setting a view sends to the server, described once: its type, bounds and default. The
 * server builds its request schemas from these specs and the page validates its inputs against
 * them, so a limit changes in one place and the two can never disagree.
 *
 * Plain data only (no imports): this module is bundled into the browser client.
 */

export interface NumberSpec {
  kind: 'number';
  label: string;
  default: number;
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound (a learning rate must be > 0). */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
  integer?: boolean;
  /** Shown in the page: a short hint on sensible values. */
  hint?: string;
  /**
   * Examples of the dataset's training split (rows): at most its training rows. Left out, the
   * server uses the default or all the rows when fewer; asking for more is a 400.
   */
  trainingRows?: true;
}

export interface ChoiceSpec<T extends string = string> {
  kind: 'choice';
  label: string;
  default: T;
  options: readonly T[];
}

export type FieldSpec = NumberSpec | ChoiceSpec;
export type FieldSpecs = Record<string, FieldSpec>;

/** The values a set of specs describes: numbers for number fields, the option union for choices. */
export type ValuesOf<S extends FieldSpecs> = {
  [K in keyof S]: S[K] extends ChoiceSpec<infer T> ? T : number;
};

// The lists below mirror @svm/core's UPDATE_RULES and SCHEDULES (test/fields.test.ts checks that
// they still do); they are spelled out so the client bundle need not import the library for them.
export const LOSSES = ['svm', 'softmax'] as const;
export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam'] as const;
export const SCHEDULES = ['constant', 'step', 'exponential', 'inverse'] as const;
/** Datasets offered over the web: the ones that need no path on the server's disk. */
export const WEB_DATASETS = ['mnist', 'fashion-mnist', 'blobs', 'spirals', 'linear'] as const;
export type WebDataset = (typeof WEB_DATASETS)[number];

/**
 * Training rows of each dataset on the server (its validation set held out; test/fields.test.ts
 * checks them against the data): the page caps the rows it asks for at these, which the server
 * requires.
 */
export const TRAIN_ROWS: Record<WebDataset, number> = { mnist: 7000, 'fashion-mnist': 55_000, blobs: 420, spirals: 420, linear: 420 };

/** The rows a request can ask for on a dataset: the field's value, at most its training rows. */
export function rowsFor(dataset: WebDataset, rows: number): number {
  return Math.min(rows, TRAIN_ROWS[dataset]);
}

const dataset: ChoiceSpec<WebDataset> = { kind: 'choice', label: 'Dataset', default: 'mnist', options: WEB_DATASETS };
const loss: ChoiceSpec<(typeof LOSSES)[number]> = { kind: 'choice', label: 'Loss', default: 'svm', options: LOSSES };
const seed: NumberSpec = { kind: 'number', label: 'Seed', default: 0, min: 0, max: 2 ** 31 - 1, integer: true };
const reg = (def: number): NumberSpec => ({ kind: 'number', label: 'Regularization', default: def, min: 0, max: 1000, hint: 'L2 strength; 1e-4 suits pixels in [0, 1]' });
/** How many of the dataset's training rows an analysis uses (never more than it has: see trainingRows). */
const trainingRows = (def: number, min: number, max: number, hint: string): NumberSpec => ({
  kind: 'number',
  label: 'Rows',
  default: def,
  min,
  max,
  integer: true,
  trainingRows: true,
  hint,
});
const learningRate = (def: number): NumberSpec => ({
  kind: 'number',
  label: 'Learning rate',
  default: def,
  above: 0,
  max: 100,
  hint: '1e-2 … 1e-1 for pixels in [0, 1]',
});

/** Train view: one gradient-descent run, streamed. */
export const TRAIN_FIELDS = {
  dataset,
  loss,
  optimizer: { kind: 'choice', label: 'Optimizer', default: 'sgd', options: OPTIMIZERS } as ChoiceSpec<(typeof OPTIMIZERS)[number]>,
  learningRate: learningRate(0.05),
  schedule: { kind: 'choice', label: 'Schedule', default: 'constant', options: SCHEDULES } as ChoiceSpec<(typeof SCHEDULES)[number]>,
  reg: reg(1e-4),
  batchSize: { kind: 'number', label: 'Batch size', default: 200, min: 1, max: 60000, integer: true, hint: 'at most the training rows' },
  iterations: { kind: 'number', label: 'Steps', default: 1500, min: 1, max: 100_000, integer: true },
  seed,
} satisfies FieldSpecs;
export type TrainSettings = ValuesOf<typeof TRAIN_FIELDS>;

/** Landscape view: the loss over a line and a plane through a random W, with an optimizer's path. */
export const LANDSCAPE_FIELDS = {
  dataset,
  loss,
  reg: reg(1e-4),
  directions: { kind: 'choice', label: 'Directions', default: 'path', options: ['path', 'random'] } as ChoiceSpec<'path' | 'random'>,
  examples: {
    kind: 'choice',
    label: 'Loss over',
    default: 'all',
    options: ['all', 'one'],
    hint: "one: a single example's data loss (no regularizer), the lecture's piecewise-linear middle picture",
  } as ChoiceSpec<'all' | 'one'>,
  seed,
  range: { kind: 'number', label: 'Range ±', default: 1.5, above: 0, max: 100, hint: "× the path's reach (path) or ‖W‖ (random)" },
  steps2d: { kind: 'number', label: 'Grid (2-D)', default: 41, min: 2, max: 101, integer: true, hint: 'points per axis' },
  steps1d: { kind: 'number', label: 'Points (1-D)', default: 201, min: 2, max: 1001, integer: true },
  optimizer: { kind: 'choice', label: 'Path optimizer', default: 'sgd', options: OPTIMIZERS } as ChoiceSpec<(typeof OPTIMIZERS)[number]>,
  learningRate: learningRate(0.05),
  pathSteps: { kind: 'number', label: 'Path steps', default: 300, min: 0, max: 5000, integer: true },
} satisfies FieldSpecs;
export type LandscapeSettings = ValuesOf<typeof LANDSCAPE_FIELDS>;

/** Step-size view: the loss after one gradient step of each size, from a random W. */
export const STEP_SIZE_FIELDS = {
  dataset,
  loss,
  reg: reg(1e-4),
  seed,
  fromExp: { kind: 'number', label: 'From 10^', default: -8, min: -12, max: 3, integer: true },
  toExp: { kind: 'number', label: 'To 10^', default: 2, min: -12, max: 3, integer: true },
  count: { kind: 'number', label: 'Step sizes', default: 41, min: 2, max: 121, integer: true },
} satisfies FieldSpecs;
export type StepSizeSettings = ValuesOf<typeof STEP_SIZE_FIELDS>;

/** Gradient-check view: analytic vs numerical gradient at sampled coordinates, float64 and float32. */
export const GRAD_CHECK_FIELDS = {
  dataset,
  loss,
  reg: reg(0.1),
  samples: { kind: 'number', label: 'Coordinates', default: 12, min: 1, max: 100, integer: true },
  h: { kind: 'number', label: 'h', default: 1e-5, above: 0, max: 1, hint: 'finite-difference step; larger h crosses more kinks' },
  scale: { kind: 'number', label: 'W scale', default: 0.01, min: 0, max: 10, hint: 'W = scale·randn' },
  rows: trainingRows(500, 1, 2000, "examples the loss is computed on (at most the dataset's training rows: 420 for the 2-D sets)"),
  seed,
} satisfies FieldSpecs;
export type GradCheckSettings = ValuesOf<typeof GRAD_CHECK_FIELDS>;

/** Race view: three strategies, one budget of loss evaluations. */
export const RACE_FIELDS = {
  dataset,
  loss,
  reg: reg(0),
  budget: { kind: 'number', label: 'Budget (loss evaluations)', default: 300, min: 10, max: 5000, integer: true },
  learningRate: learningRate(0.05),
  stepScale: { kind: 'number', label: 'Local search step', default: 1e-3, above: 0, max: 10 },
  scale: { kind: 'number', label: 'Random search scale', default: 1e-3, above: 0, max: 10 },
  rows: trainingRows(1000, 10, 10_000, "training examples used (at most the dataset's: 7000 for MNIST, 420 for the 2-D sets)"),
  seed,
} satisfies FieldSpecs;
export type RaceSettings = ValuesOf<typeof RACE_FIELDS>;

/** 2-D playground (runs in the page): synthetic points, a linear classifier trained live. */
export const PLAYGROUND_FIELDS = {
  data: { kind: 'choice', label: 'Data', default: 'blobs', options: ['blobs', 'linear', 'spirals'] } as ChoiceSpec<'blobs' | 'linear' | 'spirals'>,
  points: { kind: 'number', label: 'Points', default: 60, min: 3, max: 1000, integer: true },
  classes: { kind: 'number', label: 'Classes', default: 3, min: 2, max: 6, integer: true },
  loss,
  learningRate: learningRate(0.1),
  reg: reg(1e-3),
  seed,
} satisfies FieldSpecs;
export type PlaygroundSettings = ValuesOf<typeof PLAYGROUND_FIELDS>;

/** The default value of every field in a set. */
export function defaultsOf<S extends FieldSpecs>(specs: S): ValuesOf<S> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = spec.default;
  return out as ValuesOf<S>;
}

/** "a number > 0 and <= 100", the rule of a number spec in words. */
export function describeRule(spec: NumberSpec): string {
  const parts: string[] = [];
  if (spec.above !== undefined) parts.push(`> ${spec.above}`);
  if (spec.min !== undefined) parts.push(`≥ ${spec.min}`);
  if (spec.max !== undefined) parts.push(`≤ ${spec.max}`);
  return `${spec.integer ? 'a whole number' : 'a number'}${parts.length ? ' ' + parts.join(' and ') : ''}`;
}

/** Checks one number against its spec: undefined when fine, else what is wrong. */
export function numberProblem(spec: NumberSpec, value: number): string | undefined {
  const ok =
    Number.isFinite(value) &&
    (!spec.integer || Number.isInteger(value)) &&
    (spec.min === undefined || value >= spec.min) &&
    (spec.above === undefined || value > spec.above) &&
    (spec.max === undefined || value <= spec.max);
  return ok ? undefined : `${spec.label} must be ${describeRule(spec)}`;
}

/** Parses the text of an input (or a URL parameter) for a field: a value, or a message for the page. */
export function parseField(spec: FieldSpec, raw: string): { value: number | string } | { error: string } {
  const text = raw.trim();
  if (spec.kind === 'choice') {
    return (spec.options as readonly string[]).includes(text)
      ? { value: text }
      : { error: `${spec.label} must be one of ${spec.options.join(', ')}` };
  }
  if (text === '') return { error: `${spec.label} is required` };
  const value = Number(text);
  // A pasted essay comes back as its first 40 characters, not as a message a page wide.
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  if (Number.isNaN(value)) return { error: `${spec.label} must be ${describeRule(spec)}; "${shown}" is not a number` };
  const problem = numberProblem(spec, value);
  return problem ? { error: problem } : { value };
}
