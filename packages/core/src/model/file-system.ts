/**
 * How models reach files: the Node entry registers an implementation (atomic writes with node:fs);
 * browsers have none and use toJSON()/fromJSON() instead.
 */
export interface ModelFileSystem {
  /** Writes text so that a crash never leaves a partial file at `path`. */
  writeAtomic(path: string, text: string): Promise<void>;
  readText(path: string): Promise<string>;
}

let fs: ModelFileSystem | undefined;

/** Installs the file system models save to and load from (the Node entry does). */
export function registerModelFileSystem(impl: ModelFileSystem): void {
  fs = impl;
}

/** The installed file system; throws naming `what` when there is none (browsers). */
export function modelFileSystem(what: string): ModelFileSystem {
  if (!fs) throw new Error(`${what} needs a file system (Node.js); in a browser use toJSON() / LinearClassifier.fromJSON()`);
  return fs;
}
