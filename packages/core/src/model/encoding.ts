/**
 * Typed arrays ⇄ base64 (little-endian bytes) and a checksum, in any environment (Node's Buffer
 * when present, atob/btoa in browsers). Used by the model file format.
 */
const isLittleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function bytesOf(a: Float32Array | Float64Array): Uint8Array {
  const view = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (isLittleEndian) return view;
  const out = new Uint8Array(view.length);
  const w = a.BYTES_PER_ELEMENT;
  for (let i = 0; i < view.length; i += w) for (let k = 0; k < w; k++) out[i + k] = view[i + w - 1 - k]!;
  return out;
}

type BufferLike = { from(data: Uint8Array | string, enc?: string): Uint8Array & { toString(enc: string): string } };
const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;

export function toBase64(a: Float32Array | Float64Array): string {
  const bytes = bytesOf(a);
  if (NodeBuffer) return NodeBuffer.from(bytes).toString('base64');
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Decodes base64 into a typed array of `length` elements; undefined when the bytes do not fit. */
export function fromBase64(s: string, dtype: 'float32' | 'float64', length: number): Float32Array | Float64Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  let bytes: Uint8Array;
  if (NodeBuffer) bytes = new Uint8Array(NodeBuffer.from(s, 'base64'));
  else {
    const bin = atob(s);
    bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  }
  const w = dtype === 'float64' ? 8 : 4;
  if (bytes.length !== length * w) return undefined;
  if (!isLittleEndian) {
    for (let i = 0; i < bytes.length; i += w) bytes.subarray(i, i + w).reverse();
  }
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  return dtype === 'float64' ? new Float64Array(buf) : new Float32Array(buf);
}

/** FNV-1a (32-bit) over the little-endian bytes of the arrays, as 8 hex digits. */
export function checksum(...arrays: (Float32Array | Float64Array)[]): string {
  let h = 0x811c9dc5;
  for (const a of arrays) {
    const bytes = bytesOf(a);
    for (let i = 0; i < bytes.length; i++) {
      h ^= bytes[i]!;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, '0');
}
