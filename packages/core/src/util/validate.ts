/**
 * Argument validation with one message shape everywhere:
 * `fn: expected <what> for <name> but received <value>`. Every public function validates its
 * arguments here before any backend (native code included) sees them.
 */

/** Describes a received value briefly for an error message. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'function') return 'a function';
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as { length: number }).length})`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  const ctor = (value as object).constructor?.name;
  return ctor && ctor !== 'Object' ? `a ${ctor}` : 'an object';
}

/** Thrown for an argument of the wrong type. */
export function typeError(fn: string, name: string, expected: string, received: unknown): TypeError {
  return new TypeError(`${fn}: expected ${expected} for ${name} but received ${describe(received)}`);
}

/** Thrown for an argument of the right type with a value, shape or content out of range. */
export function rangeError(fn: string, message: string): RangeError {
  return new RangeError(`${fn}: ${message}`);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/** Options bag: undefined means defaults; anything but a plain object is an error. */
export function options<T extends object>(fn: string, opts: T | undefined, known?: readonly string[]): Partial<T> {
  if (opts === undefined || opts === null) return {};
  if (!isPlainObject(opts)) throw typeError(fn, 'options', 'an object', opts);
  if (known) {
    for (const key of Object.keys(opts)) {
      if (!known.includes(key)) {
        throw rangeError(fn, `unknown option '${key}'; known options are: ${known.join(', ')}`);
      }
    }
  }
  return opts;
}

export interface NumberRule {
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Exclusive upper bound. */
  below?: number;
  integer?: boolean;
}

function ruleText(rule: NumberRule): string {
  const parts: string[] = [];
  if (rule.integer) parts.push('an integer');
  else parts.push('a finite number');
  if (rule.above !== undefined) parts.push(`> ${rule.above}`);
  if (rule.min !== undefined) parts.push(`>= ${rule.min}`);
  if (rule.max !== undefined) parts.push(`<= ${rule.max}`);
  if (rule.below !== undefined) parts.push(`< ${rule.below}`);
  return parts.join(' ');
}

/** Validates a number option; returns `fallback` when it is undefined. */
export function number(fn: string, name: string, value: unknown, fallback: number | undefined, rule: NumberRule = {}): number {
  if (value === undefined) {
    if (fallback === undefined) throw typeError(fn, name, ruleText(rule), value);
    return fallback;
  }
  if (typeof value !== 'number') throw typeError(fn, name, ruleText(rule), value);
  const ok =
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.above === undefined || value > rule.above) &&
    (rule.max === undefined || value <= rule.max) &&
    (rule.below === undefined || value < rule.below);
  if (!ok) throw rangeError(fn, `expected ${ruleText(rule)} for ${name} but received ${describe(value)}`);
  return value;
}

/** Validates a string option against a fixed set; returns `fallback` when it is undefined. */
export function oneOf<T extends string>(fn: string, name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw (typeof value === 'string' ? rangeError : (f: string, m: string) => new TypeError(`${f}: ${m}`))(
      fn,
      `expected one of ${allowed.map((a) => `'${a}'`).join(', ')} for ${name} but received ${describe(value)}`,
    );
  }
  return value as T;
}

export function boolean(fn: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw typeError(fn, name, 'a boolean', value);
  return value;
}

/** An optional callback: undefined, or a function. */
export function callback<F extends (...args: never[]) => unknown>(fn: string, name: string, value: unknown): F | undefined {
  if (value !== undefined && typeof value !== 'function') throw typeError(fn, name, 'a function', value);
  return value as F | undefined;
}

/** An optional AbortSignal. */
export function abortSignal(fn: string, value: unknown, name = 'signal'): AbortSignal | undefined {
  if (value !== undefined && !(value instanceof AbortSignal)) throw typeError(fn, name, 'an AbortSignal', value);
  return value;
}
