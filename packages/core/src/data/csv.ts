/**
 * CSV datasets: numeric feature columns plus one label column, parsed with csv-parse (the node-csv
 * project; quoting, CRLF, BOM handled there) and streamed, so large files never exist as arrays of
 * strings. Node only.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { Matrix } from '../matrix.js';
import { boolean, describe, options, typeError } from '../util/validate.js';
import { checkClassNames, checkLimit, indexNames } from './check.js';
import { checkPath, fileError, fsError } from './files.js';
import type { Dataset } from './types.js';

/** Options of {@link loadCsv}. */
export interface CsvOptions {
  /**
   * The label column: its name in the header row, or its 0-based index (negative counts from the
   * end: -1 is the last column). Required.
   */
  label: string | number;
  /**
   * Whether the first row is a header. Default: detected — a header when any of its feature
   * fields is not a number (a label given by name implies a header). Pass it explicitly when a
   * header's names are all numbers.
   */
  header?: boolean;
  /** Field delimiter (one or more characters). Default ','. Use '\t' for TSV. */
  delimiter?: string;
  /**
   * Class names, index = label. Labels then map by name (a label equal to classNames[k] is class
   * k) or, when every label is an integer in [0, K), are used as indices. Default: derived from the
   * labels (see {@link loadCsv}).
   */
  classNames?: string[];
  /** Load only the first `limit` data rows. Default: all. */
  limit?: number;
  /** Dataset name for display. Default: the file's name. */
  name?: string;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const FLOAT32_MAX = 3.4028234663852886e38;

/** A decimal number that fits float32, or undefined ('' / 'NA' / 'abc' / '0x1f' / '1e99' are not). */
function parseNumber(s: string): number | undefined {
  if (!NUMBER.test(s)) return undefined;
  const v = Number(s);
  return Math.abs(v) <= FLOAT32_MAX ? v : undefined;
}

function labelColumn(fn: string, path: string, label: string | number, first: string[], isHeader: boolean, line: number): number {
  const width = first.length;
  if (typeof label === 'number') {
    const col = label < 0 ? width + label : label;
    if (col < 0 || col >= width) {
      throw fileError(fn, path, `has no label column ${label}: line ${line} has ${width} columns (indices 0…${width - 1}, or -1 for the last)`);
    }
    return col;
  }
  if (!isHeader) {
    throw fileError(fn, path, `label column ${describe(label)} is given by name, but header is false; pass the column index instead`);
  }
  const col = first.indexOf(label);
  if (col < 0) {
    const shown = first.slice(0, 20).map((s) => describe(s)).join(', ') + (width > 20 ? ', …' : '');
    throw fileError(fn, path, `has no label column ${describe(label)}; the header on line ${line} names: ${shown}`);
  }
  return col;
}

/** Labels (text) → class indices and names, as documented on {@link loadCsv}. */
function encodeLabels(
  fn: string,
  path: string,
  labels: string[],
  lines: number[],
  given: string[] | undefined,
): { y: Int32Array; classNames: string[] } {
  const N = labels.length;
  const y = new Int32Array(N);
  if (given) {
    const K = given.length;
    const byName = new Map<string, number>();
    given.forEach((name, k) => byName.has(name) || byName.set(name, k));
    const asIndex = (s: string): number => (/^\d+$/.test(s) && Number(s) < K ? Number(s) : -1);
    const badName = labels.findIndex((s) => !byName.has(s));
    if (badName < 0) {
      for (let i = 0; i < N; i++) y[i] = byName.get(labels[i]!)!;
      return { y, classNames: given };
    }
    const badIndex = labels.findIndex((s) => asIndex(s) < 0);
    if (badIndex < 0) {
      for (let i = 0; i < N; i++) y[i] = asIndex(labels[i]!);
      return { y, classNames: given };
    }
    const names = given.slice(0, 10).map((s) => describe(s)).join(', ') + (K > 10 ? ', …' : '');
    const neither = labels.findIndex((s) => !byName.has(s) && asIndex(s) < 0);
    const i = neither >= 0 ? neither : Math.max(badName, badIndex);
    throw fileError(
      fn,
      path,
      `line ${lines[i]}: label ${describe(labels[i])} is ` +
        (neither >= 0
          ? `neither one of classNames (${names}) nor a class index in [0, ${K})`
          : `inconsistent with earlier labels: expected all labels to be class names (${names}) or all class indices in [0, ${K})`),
    );
  }
  const numbers = labels.map((s) => parseNumber(s));
  if (numbers.every((v) => v !== undefined)) {
    const values = numbers as number[];
    const distinct = [...new Set(values)].sort((a, b) => a - b);
    const K = distinct.length;
    if (distinct.every((v, k) => v === k)) {
      y.set(values);
      return { y, classNames: indexNames(K) };
    }
    const rank = new Map(distinct.map((v, k) => [v, k]));
    for (let i = 0; i < N; i++) y[i] = rank.get(values[i]!)!;
    return { y, classNames: distinct.map(String) };
  }
  const distinct = [...new Set(labels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(distinct.map((v, k) => [v, k]));
  for (let i = 0; i < N; i++) y[i] = rank.get(labels[i]!)!;
  return { y, classNames: distinct };
}

/**
 * Loads a CSV file of numeric features and one label column. X is N×D float32 with the features
 * as written (no scaling), in column order without the label column; no bias column.
 *
 * Labels: with `classNames` given, see {@link CsvOptions.classNames}. Otherwise integers that are
 * exactly 0…K−1 are used as is (classNames '0'…); any other labels (strings, or numbers that are
 * not 0…K−1) are mapped to 0…K−1 in sorted order (numeric order for numbers, code-unit order for
 * text), and classNames are the original values.
 *
 * Errors name the file and, for bad rows, the line (1-based; a quoted multi-line row reports its
 * last line) and column (1-based, with the header name when there is one): a missing or empty file,
 * a missing label column, a row with a different number of fields than the first, a feature that
 * is not a number (empty fields, `NA`, `abc`), a header but no data.
 *
 * @example
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('/tmp/iris-mini.csv', 'sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n');
 * const { X, y, classNames } = await loadCsv('/tmp/iris-mini.csv', { label: 'species' });
 * console.log(X.toArray(), y, classNames); // [[5.1, 1.4], [7, 4.7]] Int32Array [0, 1] ['setosa', 'versicolor'] (float32 digits aside)
 */
export async function loadCsv(path: string, opts: CsvOptions): Promise<Dataset> {
  const fn = 'loadCsv';
  checkPath(fn, 'path', path);
  if (opts === undefined || opts === null) throw typeError(fn, 'options', "an object with a 'label' column (name or index)", opts);
  const o = options(fn, opts, ['label', 'header', 'delimiter', 'classNames', 'limit', 'name']);
  const label = o.label;
  if (!(typeof label === 'string' && label.length > 0) && !(typeof label === 'number' && Number.isInteger(label))) {
    throw typeError(fn, 'label', 'a column name (non-empty string) or a column index (integer)', label);
  }
  const header = o.header === undefined ? undefined : boolean(fn, 'header', o.header, false);
  const delimiter = o.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length === 0) throw typeError(fn, 'delimiter', 'a non-empty string', delimiter);
  const given = o.classNames === undefined ? undefined : checkClassNames(fn, o.classNames);
  const limit = checkLimit(fn, o.limit);
  const name = o.name === undefined ? basename(path) : checkPath(fn, 'name', o.name);

  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw fsError(fn, 'CSV file', path, err);
  }
  const info = await handle.stat();
  if (info.isDirectory()) {
    await handle.close();
    throw fileError(fn, path, 'is a directory; expected the CSV file');
  }
  if (info.size === 0) {
    await handle.close();
    throw fileError(fn, path, 'is empty; expected a CSV file with a label column and at least one feature column');
  }

  const parser = parse({
    delimiter,
    info: true,
    bom: true,
    trim: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    relax_column_count: true, // ragged rows are reported below, with their line
  });
  pipeline(handle.createReadStream(), parser, () => {}); // errors surface through the parser's iteration

  let width = -1;
  let firstLine = 0;
  let labelCol = -1;
  let names: string[] | undefined;
  let D = 0;
  let rows = 0;
  let buf = new Float32Array(0);
  const labels: string[] = [];
  const lines: number[] = [];
  let ours = false;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      ours = true;
      const { record } = item;
      const line = item.info.lines;
      if (width < 0) {
        width = record.length;
        firstLine = line;
        let isHeader = header ?? typeof label === 'string';
        if (header === undefined && !isHeader) {
          const col = labelColumn(fn, path, label, record, false, line);
          isHeader = record.some((s, c) => c !== col && parseNumber(s) === undefined);
        }
        labelCol = labelColumn(fn, path, label, record, isHeader, line);
        D = width - 1;
        if (D === 0) throw fileError(fn, path, `has only the label column (line ${line}); expected at least one feature column`);
        if (isHeader) {
          names = record;
          ours = false;
          continue;
        }
      }
      if (record.length !== width) {
        throw fileError(
          fn,
          path,
          `line ${line} has ${record.length} field(s) but line ${firstLine} has ${width}; expected the same number on every row`,
        );
      }
      if ((rows + 1) * D > buf.length) {
        const grown = new Float32Array(Math.max(256 * D, buf.length * 2));
        grown.set(buf);
        buf = grown;
      }
      let k = rows * D;
      for (let c = 0; c < width; c++) {
        if (c === labelCol) continue;
        const s = record[c]!;
        const v = parseNumber(s);
        if (v === undefined) {
          const column = `column ${c + 1}${names ? ` (${describe(names[c])})` : ''}`;
          throw fileError(fn, path, `line ${line}, ${column}: expected a number (float32 range) but found ${describe(s)}`);
        }
        buf[k++] = v;
      }
      const text = record[labelCol]!;
      if (text === '') throw fileError(fn, path, `line ${line}: the label (column ${labelCol + 1}) is empty`);
      labels.push(text);
      lines.push(line);
      rows++;
      ours = false;
      if (rows >= limit) break;
    }
  } catch (err) {
    if (ours) throw err;
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      throw fileError(fn, path, `is not valid CSV: ${(err as Error).message}`, err);
    }
    throw fsError(fn, 'CSV file', path, err);
  } finally {
    parser.destroy();
    await handle.close().catch(() => {});
  }
  if (width < 0) throw fileError(fn, path, 'holds no rows (only blank lines)');
  if (rows === 0) throw fileError(fn, path, `has a header (line ${firstLine}) but no data rows`);

  // Copied into the library's allocation (huge pages when large) rather than kept as the grown buffer.
  const X = Matrix.zeros(rows, D);
  X.data.set(buf.subarray(0, rows * D));
  const { y, classNames } = encodeLabels(fn, path, labels, lines, given);
  return { X, y, classNames, name };
}
