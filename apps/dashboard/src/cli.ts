/**
 * Entry point of the `svm` command (bin/svm.js imports this file): runs the program and turns
 * every failure into a message and an exit code — 2 for bad usage, 1 for a failed run — never a
 * stack trace for a user's mistake.
 */
import { CommanderError } from 'commander';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, exitCodeOf, messageOf, UsageError } from './errors.js';
import { stopRunInProgress } from './ink/mount.js';
import { buildProgram } from './program.js';

function wantsJson(argv: string[]): boolean {
  return argv.includes('--json');
}

// A reader that goes away (`svm train --json | head`) is not an error worth a stack trace: a run in
// progress stops as on Ctrl-C (its final save still happens: the reader may have died with a closed
// terminal), anything else ends at once. Output that cannot be written (a full disk, /dev/full) is
// a failure, said in one line on stderr. A terminal that was closed (EIO on a terminal) is neither:
// the SIGHUP that comes with it stops a run, which still makes its final save (mount.tsx), or ends
// any other command; until then, what would have been shown goes nowhere, and the terminal's input
// is gone too.
const hungUp = (stream: { isTTY?: boolean }, err: NodeJS.ErrnoException) => err.code === 'EIO' && stream.isTTY === true;
let readerGone = false;
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (hungUp(process.stdout, err) || readerGone) return;
  if (err.code === 'EPIPE') {
    readerGone = true;
    if (!stopRunInProgress()) process.exit(process.exitCode ?? 0);
    return;
  }
  process.stderr.write(`svm: cannot write the output: ${err.code ?? err.message}\n`);
  process.exit(EXIT_FAILED);
});
for (const stream of [process.stderr, process.stdin]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (!hungUp(stream, err)) throw err;
  });
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander printed its message already; help and --version are not errors.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
      return EXIT_USAGE;
    }
    const code = exitCodeOf(err);
    const message = messageOf(err);
    if (wantsJson(argv) && !(err instanceof UsageError)) {
      process.stdout.write(`${JSON.stringify({ type: 'error', message, exitCode: code })}\n`);
    }
    process.stderr.write(`svm: ${message}\n`);
    if (process.env.SVM_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return code;
  }
}

const code = await main();
process.exitCode = code;
// Whatever might still hold the event loop (a worker, a stray timer) must not keep a finished
// command alive; give pending output a moment to flush first.
setTimeout(() => process.exit(code), 1000).unref();
