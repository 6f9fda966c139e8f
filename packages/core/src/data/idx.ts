/**
 * IDX files (the MNIST / Fashion-MNIST format), gzipped or not. Node only.
 *
 * An IDX file is a 4-byte big-endian magic number `0x0000TTNN` (TT = element type, 0x08 for
 * unsigned bytes; NN = number of dimensions), NN big-endian uint32 dimensions, then the elements.
 * Images are `0x00000803` (count, rows, cols), labels `0x00000801` (count).
 *
 * Speed: a gzipped file is inflated as a stream on libuv's thread pool while the main thread turns
 * each inflated chunk into float32, so the conversion hides behind decompression (no second pass
 * over a 47 MB buffer, no per-pixel allocation). Fashion-MNIST's 60000 training images load in
 * about the time `zlib.gunzipSync` alone takes for that file.
 */
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { Matrix } from '../matrix.js';
import { options } from '../util/validate.js';
import { allInOrder } from '../util/all-in-order.js';
import { checkClassNames, checkLabelRange, checkLimit, indexNames } from './check.js';
import { bytesToUnit, checkPath, fileError, gzipError, isGzip, readBytes } from './files.js';
import type { Dataset } from './types.js';

/**
 * Magic number of an IDX file of unsigned-byte images (count × rows × cols).
 * @example
 * readFileSync(path).readUInt32BE(0) === IDX_IMAGES_MAGIC; // true for an uncompressed images file
 */
export const IDX_IMAGES_MAGIC = 0x00000803;
/**
 * Magic number of an IDX file of unsigned-byte labels (count).
 * @example
 * readFileSync(path).readUInt32BE(0) === IDX_LABELS_MAGIC; // true for an uncompressed labels file
 */
export const IDX_LABELS_MAGIC = 0x00000801;

/** Options of {@link loadIdx}. */
export interface IdxOptions {
  /** Load only the first `limit` examples. Default: all. (The whole file is still read and checked.) */
  limit?: number;
  /** Class names, index = label; every label must be below their count. Default '0'…'9'. */
  classNames?: string[];
  /** Dataset name for display. Default: the images file's name. */
  name?: string;
}

interface IdxKind {
  magic: number;
  ndim: number;
  what: string;
  /** "60000 images of 28×28" */
  declared(dims: number[]): string;
}

const IMAGES: IdxKind = {
  magic: IDX_IMAGES_MAGIC,
  ndim: 3,
  what: 'IDX images file',
  declared: (d) => `${d[0]} images of ${d[1]}×${d[2]}`,
};
const LABELS: IdxKind = {
  magic: IDX_LABELS_MAGIC,
  ndim: 1,
  what: 'IDX labels file',
  declared: (d) => `${d[0]} labels`,
};

const hex = (m: number): string => `0x${m.toString(16).padStart(8, '0')}`;

const TYPES: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};

function magicProblem(m: number, kind: IdxKind): string {
  let found = 'not an IDX file';
  if (m === IDX_IMAGES_MAGIC) found = 'an IDX images file; are the images and labels paths swapped?';
  else if (m === IDX_LABELS_MAGIC) found = 'an IDX labels file; are the images and labels paths swapped?';
  else if (m >>> 16 === 0 && TYPES[(m >>> 8) & 0xff]) {
    found = `IDX ${TYPES[(m >>> 8) & 0xff]} data with ${m & 0xff} dimension(s)`;
  }
  const expected = kind === IMAGES ? 'unsigned-byte images, 3 dimensions' : 'unsigned-byte labels, 1 dimension';
  return `bad magic number ${hex(m)} (${found}); expected ${hex(kind.magic)} (${expected})`;
}

/** Receives the payload (the bytes after the header) in order; `offset` is the position in the payload. */
type Sink = (bytes: Uint8Array, offset: number) => void;

interface IdxHeader {
  dims: number[];
  headerBytes: number;
  payloadBytes: number;
}

/**
 * Incremental IDX parser: header first (magic checked as soon as 4 bytes are in), then payload
 * chunks go to the sink. The sink opens only when the header agrees with the file's total size
 * (known up front for plain files, from the gzip trailer for gzipped ones), so a corrupt header
 * never makes us allocate gigabytes; otherwise chunks are kept and checked at the end.
 */
class IdxParser {
  private readonly head: Uint8Array;
  private headLen = 0;
  private header: IdxHeader | undefined;
  private sink: Sink | undefined;
  private pending: Uint8Array[] = [];
  private seen = 0;

  constructor(
    private readonly fn: string,
    private readonly path: string,
    private readonly kind: IdxKind,
    private readonly open: (h: IdxHeader) => Sink,
    /** Total decompressed size if known, and whether it is only known modulo 2^32 (gzip ISIZE). */
    private readonly total: { size: number; mod32: boolean } | undefined,
  ) {
    this.head = new Uint8Array(4 + 4 * kind.ndim);
  }

  feed(chunk: Uint8Array): void {
    let c = chunk;
    if (!this.header) {
      const before = this.headLen;
      const take = Math.min(c.length, this.head.length - before);
      this.head.set(c.subarray(0, take), before);
      this.headLen += take;
      c = c.subarray(take);
      if (before < 4 && this.headLen >= 4) {
        const magic = new DataView(this.head.buffer).getUint32(0, false);
        if (magic !== this.kind.magic) throw fileError(this.fn, this.path, magicProblem(magic, this.kind));
      }
      if (this.headLen < this.head.length) return;
      this.parseHeader();
    }
    if (c.length === 0) return;
    const h = this.header!;
    const room = h.payloadBytes - this.seen;
    if (room > 0) {
      const part = room < c.length ? c.subarray(0, room) : c;
      if (this.sink) this.sink(part, this.seen);
      else this.pending.push(part);
    }
    this.seen += c.length;
  }

  private parseHeader(): void {
    const view = new DataView(this.head.buffer);
    const dims: number[] = [];
    for (let i = 0; i < this.kind.ndim; i++) dims.push(view.getUint32(4 + 4 * i, false));
    const h: IdxHeader = { dims, headerBytes: this.head.length, payloadBytes: dims.reduce((a, b) => a * b, 1) };
    this.header = h;
    if (dims.some((d) => d === 0)) {
      throw fileError(this.fn, this.path, `its header declares ${this.kind.declared(dims)}: nothing to load`);
    }
    const expected = h.headerBytes + h.payloadBytes;
    const t = this.total;
    if (t && (t.mod32 ? expected % 0x100000000 === t.size : expected === t.size)) this.sink = this.open(h);
  }

  finish(): IdxHeader {
    const h = this.header;
    if (!h) {
      throw fileError(
        this.fn,
        this.path,
        `is truncated: it holds ${this.headLen} bytes but an ${this.kind.what} header needs ${this.head.length}`,
      );
    }
    const layout = `${this.kind.declared(h.dims)} (${h.payloadBytes} bytes after the ${h.headerBytes}-byte header)`;
    if (this.seen < h.payloadBytes) {
      throw fileError(this.fn, this.path, `is truncated: its header declares ${layout} but only ${this.seen} bytes follow`);
    }
    if (this.seen > h.payloadBytes) {
      throw fileError(
        this.fn,
        this.path,
        `has the wrong size: its header declares ${layout} but ${this.seen} bytes follow (wrong dimensions in the header, or trailing data)`,
      );
    }
    if (!this.sink) {
      // The size check up front could not vouch for the header (e.g. a multi-member gzip); it is right after all.
      const sink = this.open(h);
      let at = 0;
      for (const part of this.pending) {
        sink(part, at);
        at += part.length;
      }
      this.pending = [];
    }
    return h;
  }
}

/** Reads one IDX file (plain or gzipped), streaming its payload into the sink `open` returns. */
async function readIdx(fn: string, path: string, kind: IdxKind, open: (h: IdxHeader) => Sink): Promise<IdxHeader> {
  const raw = await readBytes(fn, kind.what, path);
  if (!isGzip(raw)) {
    const parser = new IdxParser(fn, path, kind, open, { size: raw.length, mod32: false });
    parser.feed(raw);
    return parser.finish();
  }
  // The gzip trailer's last 4 bytes hold the uncompressed size modulo 2^32 (ISIZE).
  const isize = raw.length >= 18 ? raw.readUInt32LE(raw.length - 4) : undefined;
  const parser = new IdxParser(fn, path, kind, open, isize === undefined ? undefined : { size: isize, mod32: true });
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  gunzip.end(raw);
  // A format error in inflated data may stem from corrupt compressed data: drain the stream so
  // zlib's own verdict (checksum, truncation) wins, naming the root cause.
  let formatError: unknown;
  try {
    for await (const chunk of gunzip) {
      if (formatError !== undefined) continue;
      try {
        parser.feed(chunk as Buffer);
      } catch (err) {
        formatError = err;
      }
    }
  } catch (err) {
    throw gzipError(fn, path, err);
  }
  if (formatError !== undefined) throw formatError;
  return parser.finish();
}

/**
 * Loads an IDX images file and its labels file (MNIST, Fashion-MNIST, KMNIST, …), each gzipped or
 * not (detected from the gzip magic bytes, not the name). X is N×(rows·cols) float32 with pixels
 * scaled to [0, 1] (byte / 255), `imageShape` is [rows, cols], no bias column.
 *
 * Every problem is an error naming the file: missing or empty file, bad magic number, a header
 * whose dimensions disagree with the file's length, truncated or corrupt gzip, different image and
 * label counts, a label ≥ the number of class names.
 *
 * @example
 * const dir = '/usr/share/datasets/fashion-mnist';
 * const { X, y, imageShape } = await loadIdx(`${dir}/t10k-images-idx3-ubyte.gz`, `${dir}/t10k-labels-idx1-ubyte.gz`, { limit: 1000 });
 * console.log(X.rows, X.cols, imageShape); // 1000 784 [ 28, 28 ]
 */
export async function loadIdx(imagesPath: string, labelsPath: string, opts?: IdxOptions): Promise<Dataset> {
  const fn = 'loadIdx';
  checkPath(fn, 'imagesPath', imagesPath);
  checkPath(fn, 'labelsPath', labelsPath);
  const o = options(fn, opts, ['limit', 'classNames', 'name']);
  const limit = checkLimit(fn, o.limit);
  const classNames = o.classNames === undefined ? indexNames(10) : checkClassNames(fn, o.classNames);
  const name = o.name === undefined ? basename(imagesPath) : checkPath(fn, 'name', o.name);

  let X: Matrix<'float32'> | undefined;
  let labelBytes: Uint8Array | undefined;
  // Both files are read at once; with both broken (paths swapped, say) the images file's error wins.
  const [imagesHeader, labelsHeader] = await allInOrder([
    readIdx(fn, imagesPath, IMAGES, ({ dims }) => {
      const [n, rows, cols] = dims as [number, number, number];
      const D = rows * cols;
      X = Matrix.zeros(Math.min(n, limit), D, 'float32');
      const keep = X.size;
      const out = X.data;
      return (bytes, at) => {
        if (at >= keep) return;
        bytesToUnit(at + bytes.length > keep ? bytes.subarray(0, keep - at) : bytes, out, at);
      };
    }),
    readIdx(fn, labelsPath, LABELS, ({ dims }) => {
      const buf = new Uint8Array(dims[0]!);
      labelBytes = buf;
      return (bytes, at) => buf.set(bytes, at);
    }),
  ]);
  const nImages = imagesHeader.dims[0]!;
  const nLabels = labelsHeader.dims[0]!;
  if (nImages !== nLabels) {
    throw fileError(fn, labelsPath, `holds ${nLabels} labels but ${imagesPath} holds ${nImages} images; expected one label per image`);
  }
  const K = classNames.length;
  checkLabelRange(
    fn,
    labelBytes!,
    K,
    (i) => `${labelsPath}: example ${i}`,
    o.classNames === undefined ? '; pass classNames with one name per class' : ' (one per name in classNames)',
  );
  const x = X!;
  const y = Int32Array.from(labelBytes!.subarray(0, x.rows));
  const [, rows, cols] = imagesHeader.dims as [number, number, number];
  return { X: x, y, classNames, imageShape: [rows, cols], name };
}
