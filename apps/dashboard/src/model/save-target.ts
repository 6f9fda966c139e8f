/**
 * Where a model is saved (--save): checked before any work, so a typo in the path is a usage error
 * at once rather than a failure after the whole run; and the message when saving fails anyway.
 */
import { accessSync, constants, lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';

function lstatOf(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Throws a UsageError naming the flag when `path` cannot be saved to: it is empty, a directory or
 * some other file that is not a regular one (a device such as /dev/null), its directory does not
 * exist (or is not one), or that directory is not writable.
 */
export function checkSaveTarget(path: string, flag = '--save'): void {
  if (path === '') throw new UsageError(`${flag} needs a file name, e.g. ${flag} model.json`);
  // "newdir/" names a directory whether or not it exists yet: dirname() would quietly drop it.
  const existing = statOf(path); // follows a symbolic link: its target is what a save replaces
  if (existing?.isDirectory() || /[\\/]$/.test(path)) {
    throw new UsageError(`${flag} ${path} is a directory; give a file name, e.g. ${join(path, 'model.json')}`);
  }
  if (existing && !existing.isFile()) {
    throw new UsageError(`${flag} ${path} is not a regular file (a device, pipe or socket); give a file name, e.g. model.json`);
  }
  // As the library saves: through a symbolic link to its target (never to a missing one), whose
  // directory then takes the temporary file.
  if (!existing && lstatOf(path)?.isSymbolicLink()) throw new UsageError(`${flag} ${path} is a symbolic link to a missing file`);
  const target = existing ? realpathSync(path) : path;
  const dir = dirname(resolve(target));
  const shown = dirname(target);
  const dirStats = statOf(dir);
  if (!dirStats) throw new UsageError(`${flag} ${path}: the directory ${shown} does not exist`);
  if (!dirStats.isDirectory()) throw new UsageError(`${flag} ${path}: ${shown} is not a directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${path}: the directory ${shown} is not writable`);
  }
}

/**
 * "could not save the model to m.json: the directory /x does not exist" from the library's error
 * ("cannot save the model: the directory /x does not exist"), saying it once.
 */
export function saveFailure(path: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const reason = message.replace(/^(?:LinearClassifier\.save: )?cannot save the model(?: to .*?)?: /, '');
  return `could not save the model to ${path}: ${reason}`;
}
