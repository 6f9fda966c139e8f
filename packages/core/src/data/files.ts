/**
 * File access shared by the Node loaders: read a file whole with errors that name the file and
 * the problem (missing, a directory, unreadable, empty), and gzip detection. Node only.
 */
import { readFile, stat } from 'node:fs/promises';
import { typeError } from '../util/validate.js';

/** An error about a data file: the message names the function, the file and the problem. */
export function fileError(fn: string, path: string, problem: string, cause?: unknown): Error {
  const err = new Error(`${fn}: ${path}: ${problem}`, cause === undefined ? undefined : { cause });
  return Object.assign(err, { path });
}

/** A path argument: a non-empty string. */
export function checkPath(fn: string, name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw typeError(fn, name, 'a file path (non-empty string)', value);
  return value;
}

/** Turns a failed fs call into a readable error (`fn: <what> not found: <path>` for ENOENT). */
export function fsError(fn: string, what: string, path: string, err: unknown): Error {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') {
    return Object.assign(new Error(`${fn}: ${what} not found: ${path}`, { cause: err }), { code: 'ENOENT', path });
  }
  if (code === 'EISDIR') return fileError(fn, path, `is a directory; expected the ${what}`, err);
  if (code === 'ENOTDIR') return fileError(fn, path, `a part of the path is not a directory; expected the ${what}`, err);
  if (code === 'EACCES' || code === 'EPERM') return fileError(fn, path, `permission denied reading the ${what}`, err);
  const message = err instanceof Error ? err.message : String(err);
  return fileError(fn, path, `cannot read the ${what} (${message})`, err);
}

/** Reads a whole file; missing, unreadable and empty files are errors naming the file. */
export async function readBytes(fn: string, what: string, path: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw fsError(fn, what, path, err);
  }
  if (bytes.length === 0) throw fileError(fn, path, `is empty; expected the ${what}`);
  return bytes;
}

/** The size in bytes of a regular file; missing files and directories are errors naming the path. */
export async function fileSize(fn: string, what: string, path: string): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw fsError(fn, what, path, err);
  }
  if (info.isDirectory()) throw fileError(fn, path, `is a directory; expected the ${what}`);
  return info.size;
}

/** True when a path exists (file or directory). */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** True when the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Explains a zlib failure: a truncated stream or corrupt data. */
export function gzipError(fn: string, path: string, err: unknown): Error {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message)) {
    return fileError(fn, path, `is a truncated gzip file (${message}); download or copy it again`, err);
  }
  return fileError(fn, path, `is a corrupt gzip file (${message})`, err);
}

/** Bytes → float32 in [0, 1] (x / 255), written to `out` from `at`. The hot loop of every image loader. */
export function bytesToUnit(src: Uint8Array, out: Float32Array, at: number): void {
  for (let i = 0; i < src.length; i++) out[at + i] = src[i]! / 255;
}
