/**
 * Node's model file system. Saving is atomic: the text goes to a temporary file in the same
 * directory, is flushed to disk, then renamed over the target — a crash mid-save leaves either the
 * old model or the new one, never a torn file. A symbolic link is followed (its target is
 * replaced, the link kept); anything but a regular file is refused.
 */
import { lstat, open, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ModelFileSystem } from './file-system.js';

let saveCount = 0;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * The file a save replaces: a symbolic link's target (the link stays a link), and only ever a
 * regular file — renaming over a device, pipe or socket would replace it (as root, /dev/null).
 */
async function saveTarget(path: string): Promise<string> {
  let target = path;
  try {
    target = await realpath(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const link = await lstat(path).catch(() => undefined);
    if (link?.isSymbolicLink()) throw new Error(`cannot save the model to ${path}: it is a symbolic link to a missing file`);
    return path; // a new file
  }
  const st = await stat(target);
  if (st.isDirectory()) throw new Error(`cannot save the model to ${path}: it is a directory; expected a file path`);
  if (!st.isFile()) throw new Error(`cannot save the model to ${path}: it is not a regular file (a device, pipe or socket); expected a file path`);
  return target;
}

export const nodeModelFileSystem: ModelFileSystem = {
  async writeAtomic(path, text) {
    let target = path;
    let tmp: string | undefined;
    try {
      target = await saveTarget(path);
      // Unique per save, not per millisecond: two saves of one process may overlap.
      tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${++saveCount}.tmp`);
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, target);
    } catch (err) {
      if (tmp) await rm(tmp, { force: true });
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOENT') {
        const dir = dirname(target);
        // A directory that exists but takes no new files (/proc) says ENOENT too.
        throw new Error(
          (await exists(dir))
            ? `cannot save the model to ${path}: no file can be created in ${dir}`
            : `cannot save the model: the directory ${dir} does not exist`,
        );
      }
      if (e.code === 'EACCES' || e.code === 'EPERM') throw new Error(`cannot save the model to ${path}: permission denied`);
      if (e.code === 'EISDIR') throw new Error(`cannot save the model to ${path}: it is a directory; expected a file path`);
      if (e.code === 'ENOTDIR') throw new Error(`cannot save the model to ${path}: a parent of it is not a directory`);
      if (e.code === 'ELOOP') throw new Error(`cannot save the model to ${path}: its symbolic links form a loop`);
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
