/**
 * Option checks shared by the dataset loaders, synthetic sets and splits (browser-safe).
 */
import { describe, number, rangeError, typeError } from '../util/validate.js';

/** Class names: a non-empty array of strings, copied. */
export function checkClassNames(fn: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw typeError(fn, 'classNames', 'a non-empty array of strings (one name per class)', value);
  }
  value.forEach((name, i) => {
    if (typeof name !== 'string') throw typeError(fn, `classNames[${i}]`, 'a string', name);
  });
  return [...(value as string[])];
}

/** `limit`: undefined (everything) or an integer ≥ 1. */
export function checkLimit(fn: string, value: unknown): number {
  if (value === undefined) return Infinity;
  return number(fn, 'limit', value, undefined, { integer: true, min: 1 });
}

/** The names '0', '1', …, String(K − 1). */
export function indexNames(K: number, prefix = ''): string[] {
  return Array.from({ length: K }, (_, k) => `${prefix}${k}`);
}

/**
 * Checks that every label is a class index in [0, K); `where(i)` describes example i for the error.
 */
export function checkLabelRange(
  fn: string,
  labels: ArrayLike<number>,
  K: number,
  where: (i: number) => string,
  hint = '',
): void {
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    if (!(v >= 0 && v < K)) {
      throw rangeError(fn, `${where(i)}: label ${describe(v)} is outside [0, ${K}) for ${K} classes${hint}`);
    }
  }
}
