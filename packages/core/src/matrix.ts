import { describe, rangeError, typeError } from './util/validate.js';

/** Element type of a {@link Matrix}: float32 for data and training by default, float64 for checks. */
export type DType = 'float32' | 'float64';

/** The typed array behind a {@link Matrix} of a given dtype. */
export type FloatArray = Float32Array | Float64Array;

/** Maps a dtype to its typed array. */
export type ArrayOf<D extends DType> = D extends 'float32' ? Float32Array : Float64Array;

/** Arrays of this many bytes and more are offered to the large-array hook: numpy's threshold. */
const LARGE_ARRAY_BYTES = 4 << 20;
let adviseLargeArray: ((array: FloatArray) => void) | undefined;

/**
 * Called by the Node entry point: what to do with every freshly allocated large array before it is
 * written (there, ask the kernel for transparent huge pages, as numpy does for its arrays).
 * @internal
 */
export function registerLargeArrayHook(hook: (array: FloatArray) => void): void {
  adviseLargeArray = hook;
}

/** Allocates a zeroed typed array of the dtype. */
export function allocate(dtype: DType, length: number): FloatArray {
  const out = dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
  if (adviseLargeArray && out.byteLength >= LARGE_ARRAY_BYTES) adviseLargeArray(out);
  return out;
}

/** The dtype of a typed array, or undefined for anything else. */
export function dtypeOf(data: unknown): DType | undefined {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  return undefined;
}

/** Most elements a Matrix may hold (and most rows or columns): 2^31 − 1, what kernels index. */
export const MAX_ELEMENTS = 2 ** 31 - 1;

/** Checks that a rows × cols matrix (`name`, e.g. 'W') fits in {@link MAX_ELEMENTS} elements. */
export function checkSize(fn: string, name: string, rows: number, cols: number): void {
  if (rows * cols > MAX_ELEMENTS) {
    throw rangeError(fn, `${name} would be ${rows}×${cols} = ${rows * cols} elements; expected at most ${MAX_ELEMENTS}`);
  }
}

function checkDims(fn: string, rows: unknown, cols: unknown): void {
  for (const [name, v] of [
    ['rows', rows],
    ['cols', cols],
  ] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw typeError(fn, name, 'a non-negative integer', v);
    }
    if (v > MAX_ELEMENTS) throw rangeError(fn, `expected an integer <= ${MAX_ELEMENTS} for ${name} but received ${v}`);
  }
  checkSize(fn, 'the matrix', rows as number, cols as number);
}

function checkDtype(fn: string, dtype: unknown): void {
  if (dtype !== 'float32' && dtype !== 'float64') throw typeError(fn, 'dtype', "'float32' or 'float64'", dtype);
}

function element(fn: string, v: unknown, where: string): number {
  if (typeof v !== 'number') throw typeError(fn, where, 'a number', v);
  return v;
}

/**
 * A dense row-major matrix: `rows × cols` numbers in a Float32Array or Float64Array (`data`),
 * element (r, c) at `data[r * cols + c]`.
 *
 * Layout follows CS231n's assignment: data `X` is N×D (one example per row, the bias column
 * appended by preprocessing), weights `W` are D×C, scores `S = X·W` are N×C. The lecture writes
 * `W` as C×D; our `W` is its transpose.
 *
 * Backends read `data` in place (zero-copy), so a Matrix handed to a running computation must not
 * be modified until that computation settles.
 */
export class Matrix<D extends DType = DType> {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** The elements, row-major. */
  readonly data: ArrayOf<D>;

  /**
   * Wraps `data` (not copied) as a `rows × cols` matrix.
   * @throws TypeError if data is not a Float32Array/Float64Array; RangeError if its length is not
   *   rows·cols, or rows·cols exceeds {@link MAX_ELEMENTS} (2^31 − 1).
   */
  constructor(rows: number, cols: number, data: ArrayOf<D>) {
    checkDims('Matrix', rows, cols);
    if (!dtypeOf(data)) throw typeError('Matrix', 'data', 'a Float32Array or Float64Array', data);
    if (data.length !== rows * cols) {
      throw rangeError('Matrix', `data has ${data.length} elements but ${rows}×${cols} needs ${rows * cols}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /** `'float32'` or `'float64'`. */
  get dtype(): D {
    return dtypeOf(this.data) as D;
  }

  /** Shape as `[rows, cols]`. */
  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  /** Number of elements, rows·cols. */
  get size(): number {
    return this.data.length;
  }

  /**
   * A `rows × cols` matrix of zeros (float32 unless told otherwise).
   * @throws TypeError for rows/cols that are not non-negative integers or an unknown dtype;
   *   RangeError when rows·cols exceeds {@link MAX_ELEMENTS}
   */
  static zeros<T extends DType = 'float32'>(rows: number, cols: number, dtype?: T): Matrix<T> {
    checkDims('Matrix.zeros', rows, cols);
    const dt = (dtype ?? 'float32') as T;
    checkDtype('Matrix.zeros', dt);
    return new Matrix(rows, cols, allocate(dt, rows * cols) as ArrayOf<T>);
  }

  /**
   * A `rows × cols` matrix from `data`: a typed array of the right length is used as is (zero-copy);
   * a plain array (flat, or one array per row) is copied into float32, or `dtype` if given.
   * @throws TypeError for an unknown dtype or an element that is not a number (a string, a BigInt…);
   *   RangeError when data's length (or its row count, or a row's length) does not match rows × cols
   */
  static from<T extends DType = 'float32'>(
    rows: number,
    cols: number,
    data: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
    dtype?: T,
  ): Matrix<T> {
    checkDims('Matrix.from', rows, cols);
    const own = dtypeOf(data);
    if (own && (dtype === undefined || dtype === own)) return new Matrix(rows, cols, data as ArrayOf<T>);
    const dt = (dtype ?? own ?? 'float32') as T;
    checkDtype('Matrix.from', dt);
    if (data === null || typeof data !== 'object' || typeof (data as ArrayLike<unknown>).length !== 'number') {
      throw typeError('Matrix.from', 'data', 'an array or typed array of numbers', data);
    }
    const out = allocate(dt, rows * cols);
    const first = (data as ArrayLike<unknown>)[0];
    if (typeof first === 'object' && first !== null) {
      const nested = data as ArrayLike<ArrayLike<number>>;
      if (nested.length !== rows) throw rangeError('Matrix.from', `data has ${nested.length} rows, expected ${rows}`);
      for (let r = 0; r < rows; r++) {
        const row = nested[r]!;
        if (!row || row.length !== cols) {
          throw rangeError('Matrix.from', `row ${r} has ${row ? row.length : describe(row)} columns, expected ${cols}`);
        }
        for (let c = 0; c < cols; c++) out[r * cols + c] = element('Matrix.from', row[c], `data[${r}][${c}]`);
      }
    } else {
      const flat = data as ArrayLike<number>;
      if (flat.length !== rows * cols) {
        throw rangeError('Matrix.from', `data has ${flat.length} elements but ${rows}×${cols} needs ${rows * cols}`);
      }
      if (own) out.set(flat);
      else for (let i = 0; i < flat.length; i++) out[i] = element('Matrix.from', flat[i], `data[${i}]`);
    }
    return new Matrix(rows, cols, out as ArrayOf<T>);
  }

  /** Element (r, c). Indices are not checked. */
  get(r: number, c: number): number {
    return this.data[r * this.cols + c]!;
  }

  /** Sets element (r, c). Indices are not checked. */
  set(r: number, c: number, value: number): void {
    this.data[r * this.cols + c] = value;
  }

  /** Row r as a view (no copy) into `data`. */
  row(r: number): ArrayOf<D> {
    return this.data.subarray(r * this.cols, (r + 1) * this.cols) as ArrayOf<D>;
  }

  /** A copy with its own storage. */
  clone(): Matrix<D> {
    const out = allocate(this.dtype, this.size) as ArrayOf<D>;
    out.set(this.data);
    return new Matrix(this.rows, this.cols, out);
  }

  /** This matrix in another dtype: itself when it already is, else a converted copy. */
  astype<T extends DType>(dtype: T): Matrix<T> {
    checkDtype('Matrix.astype', dtype);
    if ((this.dtype as DType) === dtype) return this as unknown as Matrix<T>;
    const out = allocate(dtype, this.size);
    out.set(this.data);
    return new Matrix(this.rows, this.cols, out as ArrayOf<T>);
  }

  /** The transpose, as a new matrix. */
  transpose(): Matrix<D> {
    const out = allocate(this.dtype, this.size) as ArrayOf<D>;
    for (let r = 0; r < this.rows; r++) {
      for (let c = 0; c < this.cols; c++) out[c * this.rows + r] = this.data[r * this.cols + c]!;
    }
    return new Matrix(this.cols, this.rows, out);
  }

  /**
   * Rows picked by index (a copy; indices may repeat), e.g. a mini-batch.
   * @throws RangeError for an index that is not an integer in [0, rows)
   */
  takeRows(indices: ArrayLike<number>): Matrix<D> {
    const out = allocate(this.dtype, indices.length * this.cols) as ArrayOf<D>;
    for (let i = 0; i < indices.length; i++) {
      const r = indices[i]!;
      if (!Number.isInteger(r) || r < 0 || r >= this.rows) {
        throw rangeError('Matrix.takeRows', `index ${describe(r)} at position ${i} is outside [0, ${this.rows})`);
      }
      out.set(this.data.subarray(r * this.cols, (r + 1) * this.cols), i * this.cols);
    }
    return new Matrix(indices.length, this.cols, out);
  }

  /** Frobenius norm, accumulated in double. */
  norm(): number {
    let s = 0;
    for (let i = 0; i < this.data.length; i++) s += this.data[i]! * this.data[i]!;
    return Math.sqrt(s);
  }

  /** Rows as nested plain arrays (for printing and JSON). */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let r = 0; r < this.rows; r++) out.push(Array.from(this.row(r)));
    return out;
  }

  /** A short description such as `Matrix(3073×10, float32)`. */
  toString(): string {
    return `Matrix(${this.rows}×${this.cols}, ${this.dtype})`;
  }
}

/** True for a {@link Matrix} (or an object shaped like one from another copy of this library). */
export function isMatrix(v: unknown): v is Matrix {
  if (v instanceof Matrix) return true;
  if (typeof v !== 'object' || v === null) return false;
  const m = v as { rows?: unknown; cols?: unknown; data?: unknown };
  return (
    typeof m.rows === 'number' &&
    typeof m.cols === 'number' &&
    dtypeOf(m.data) !== undefined &&
    (m.data as FloatArray).length === m.rows * m.cols
  );
}
