/**
 * Flag value parsers for commander: each turns the text of one flag into a typed value or throws
 * commander's InvalidArgumentError, whose message commander prefixes with the flag's name — so
 * every bad value is reported as "option '--lr <rate>' argument 'x' is invalid. Expected …".
 */
import { InvalidArgumentError } from 'commander';

export interface NumberRange {
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
  integer?: boolean;
}

function describeRange(r: NumberRange, plural = false): string {
  const kind = r.integer ? (plural ? 'integers' : 'an integer') : plural ? 'numbers' : 'a number';
  const parts: string[] = [];
  if (r.above !== undefined) parts.push(`> ${r.above}`);
  if (r.min !== undefined) parts.push(`≥ ${r.min}`);
  if (r.max !== undefined) parts.push(`≤ ${r.max}`);
  return parts.length ? `${kind} ${parts.join(' and ')}` : kind;
}

function toNumber(text: string): number {
  const t = text.trim();
  // Number('') is 0 and Number('0x10') is 16: accept only decimal/scientific notation.
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return Number.NaN;
  return Number(t);
}

function check(v: number, r: NumberRange): boolean {
  if (!Number.isFinite(v)) return false;
  if (r.integer && !Number.isInteger(v)) return false;
  if (r.min !== undefined && v < r.min) return false;
  if (r.above !== undefined && !(v > r.above)) return false;
  if (r.max !== undefined && v > r.max) return false;
  return true;
}

/** A parser for one number within a range. */
export function numberIn(r: NumberRange): (text: string) => number {
  return (text) => {
    const v = toNumber(text);
    if (!check(v, r)) throw new InvalidArgumentError(`Expected ${describeRange(r)}.`);
    return v;
  };
}

/** An example list within the range: "1e-3,1e-2,0.1" for rates, "0,1,2" for indices. */
function exampleList(r: NumberRange): string {
  if (!r.integer) return '1e-3,1e-2,0.1';
  const first = r.min ?? (r.above !== undefined ? Math.floor(r.above) + 1 : 0);
  return [first, first + 1, first + 2].join(',');
}

/** A parser for a comma-separated list of numbers within a range ("1e-3,1e-2,0.1"). */
export function numberList(r: NumberRange): (text: string) => number[] {
  return (text) => {
    const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
    const values = parts.map(toNumber);
    if (values.length === 0 || !values.every((v) => check(v, r))) {
      throw new InvalidArgumentError(`Expected a comma-separated list of ${describeRange(r, true)}, e.g. ${exampleList(r)}.`);
    }
    return values;
  };
}

/**
 * A parser for a number of examples given as a whole count or as a share below 1 (--val 1000,
 * --val 0.1), as the library's loadSplits reads it; `allowZero` for "none".
 */
export function countOrShare(allowZero: boolean): (text: string) => number {
  return (text) => {
    const v = toNumber(text);
    const ok = Number.isFinite(v) && (allowZero ? v >= 0 : v > 0) && (v < 1 || Number.isInteger(v));
    if (!ok) throw new InvalidArgumentError(`Expected a whole count, or a share ${allowZero ? '≥ 0 and ' : 'above 0 and '}below 1.`);
    return v;
  };
}

/** A parser for the batch size: a positive integer or "full" (full-batch gradient descent). */
export function batchSize(text: string): number | 'full' {
  if (text.trim().toLowerCase() === 'full') return 'full';
  const v = toNumber(text);
  if (!check(v, { integer: true, min: 1 })) throw new InvalidArgumentError('Expected a positive integer or "full".');
  return v;
}

/** A parser for an (a, b) interval "lo,hi" with lo < hi. */
export function interval(text: string): [number, number] {
  const parts = text.split(',').map(toNumber);
  if (parts.length !== 2 || !parts.every(Number.isFinite) || !(parts[1]! > parts[0]!)) {
    throw new InvalidArgumentError('Expected two numbers lo,hi with lo < hi, e.g. -1,1.');
  }
  return [parts[0]!, parts[1]!];
}

/** A parser for a comma-separated list of non-negative integers (dataset indices). */
export function indexList(text: string): number[] {
  return numberList({ integer: true, min: 0 })(text);
}
