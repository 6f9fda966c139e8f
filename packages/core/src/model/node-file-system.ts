/**
 * Node's model file system. Saving is atomic: the text goes to a temporary file in the same
 * directory, is flushed to disk, then renamed over the target — a crash mid-save leaves either the
 * old model or the new one, never a torn file.
 */
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ModelFileSystem } from './file-system.js';

export const nodeModelFileSystem: ModelFileSystem = {
  async writeAtomic(path, text) {
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    try {
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOENT') throw new Error(`cannot save the model: the directory ${dirname(path)} does not exist`);
      if (e.code === 'EACCES' || e.code === 'EPERM') throw new Error(`cannot save the model to ${path}: permission denied`);
      if (e.code === 'EISDIR') throw new Error(`cannot save the model to ${path}: it is a directory; expected a file path`);
      if (e.code === 'ENOTDIR') throw new Error(`cannot save the model to ${path}: a parent of it is not a directory`);
      throw err;
    }
  },
  async readText(path) {
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOENT') throw new Error(`model file not found: ${path}`);
      if (e.code === 'EISDIR') throw new Error(`${path} is a directory, not a model file`);
      throw err;
    }
  },
};
