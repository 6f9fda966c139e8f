/**
 * Images for `svm predict`: PNG (pngjs) and Netpbm (PGM/PPM, P2/P3/P5/P6, read here: a dozen lines)
 * decoded to RGB in [0, 1], then fitted to the model's input — resized by area averaging, grey or
 * colour as the model was trained, optionally inverted (MNIST digits are white on black).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import pngjs from 'pngjs';
import { RunError, UsageError } from '../errors.js';

export interface RgbImage {
  width: number;
  height: number;
  /** r, g, b in [0, 1] per pixel, row-major. */
  data: Float32Array;
}

function fromPng(buf: Buffer): RgbImage {
  const png = pngjs.PNG.sync.read(buf);
  const data = new Float32Array(png.width * png.height * 3);
  for (let i = 0; i < png.width * png.height; i++) {
    // Transparent pixels count as black (the background of a drawn digit).
    const alpha = png.data[i * 4 + 3]! / 255;
    for (let k = 0; k < 3; k++) data[i * 3 + k] = (png.data[i * 4 + k]! / 255) * alpha;
  }
  return { width: png.width, height: png.height, data };
}

function fromNetpbm(buf: Buffer, name: string): RgbImage {
  const magic = buf.subarray(0, 2).toString('latin1');
  if (!['P2', 'P3', 'P5', 'P6'].includes(magic)) throw new RunError(`${name}: not a PGM/PPM file (magic ${JSON.stringify(magic)})`);
  // Header: magic, width, height, maxval, separated by whitespace, # comments allowed.
  let pos = 2;
  const fields: number[] = [];
  while (fields.length < 3) {
    while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos]!))) pos++;
    if (buf[pos] === 0x23) {
      while (pos < buf.length && buf[pos] !== 0x0a) pos++;
      continue;
    }
    let text = '';
    while (pos < buf.length && /\d/.test(String.fromCharCode(buf[pos]!))) text += String.fromCharCode(buf[pos++]!);
    if (!text) throw new RunError(`${name}: damaged PGM/PPM header`);
    fields.push(Number(text));
  }
  const [width, height, maxval] = fields as [number, number, number];
  if (width < 1 || height < 1) throw new RunError(`${name}: the PGM/PPM header gives a ${width}×${height} image; expected at least 1×1`);
  if (maxval < 1 || maxval > 65535) throw new RunError(`${name}: the PGM/PPM header gives maxval ${maxval}; expected 1 to 65535`);
  const channels = magic === 'P2' || magic === 'P5' ? 1 : 3;
  const n = width * height * channels;
  // The data must be there before anything is allocated for it: a header is 15 bytes, its
  // dimensions anything.
  const ascii = magic === 'P2' || magic === 'P3';
  const bytes = ascii ? 0 : n * (maxval > 255 ? 2 : 1);
  const available = buf.length - (pos + 1);
  if (ascii ? available < 2 * n - 1 : available < bytes) {
    throw new RunError(`${name}: truncated PGM/PPM data (the header promises ${width}×${height}${channels === 3 ? '×3' : ''} samples, the file holds ${ascii ? 'fewer' : `${Math.max(0, available)} of ${bytes} bytes`})`);
  }
  const samples = new Float64Array(n);
  if (ascii) {
    const words = buf.subarray(pos).toString('latin1').split(/\s+/).filter(Boolean);
    if (words.length < n) throw new RunError(`${name}: truncated PGM/PPM data (${words.length} of ${n} samples)`);
    for (let i = 0; i < n; i++) samples[i] = /^\d+$/.test(words[i]!) ? Number(words[i]) : Number.NaN;
  } else {
    const start = pos + 1;
    for (let i = 0; i < n; i++) samples[i] = maxval > 255 ? buf.readUInt16BE(start + 2 * i) : buf[start + i]!;
  }
  const bad = samples.findIndex((v) => !(v <= maxval)); // NaN too
  if (bad >= 0) throw new RunError(`${name}: sample ${bad} of the PGM/PPM data is ${samples[bad]}; expected an integer from 0 to maxval ${maxval}`);
  const data = new Float32Array(width * height * 3);
  for (let i = 0; i < width * height; i++) for (let k = 0; k < 3; k++) data[i * 3 + k] = samples[i * channels + (channels === 1 ? 0 : k)]! / maxval;
  return { width, height, data };
}

export async function readImage(path: string): Promise<RgbImage> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    throw new RunError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.png') {
    try {
      return fromPng(buf);
    } catch (err) {
      throw new RunError(`${path}: not a readable PNG (${(err as Error).message})`);
    }
  }
  if (['.pgm', '.ppm', '.pnm'].includes(ext)) return fromNetpbm(buf, path);
  throw new UsageError(`${path}: unsupported image type ${JSON.stringify(ext || '(none)')}; accepted: .png, .pgm, .ppm, .pnm`);
}

/**
 * The image as one row of model input: resized to [h, w] by area averaging, grey (mean of r, g, b)
 * or RGB (HWC, as the CIFAR-10 loader lays pixels out), inverted when asked.
 */
export function toFeatures(img: RgbImage, shape: number[], invert = false): Float32Array {
  const [h, w] = shape as [number, number];
  const ch = shape[2] ?? 1;
  const out = new Float32Array(h * w * ch);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * img.height) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * img.height) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * img.width) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * img.width) / w));
      const sum = [0, 0, 0];
      for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) for (let k = 0; k < 3; k++) sum[k]! += img.data[(yy * img.width + xx) * 3 + k]!;
      const area = (y1 - y0) * (x1 - x0);
      const rgb = sum.map((v) => v / area);
      const px = ch === 1 ? [(rgb[0]! + rgb[1]! + rgb[2]!) / 3] : rgb;
      for (let k = 0; k < ch; k++) out[(y * w + x) * ch + k] = invert ? 1 - px[k]! : px[k]!;
    }
  }
  return out;
}
