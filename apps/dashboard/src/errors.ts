/**
 * The two kinds of failure the CLI reports, each with its exit code: a usage error (bad flags, an
 * unknown dataset, a missing argument: exit 2) and a run error (missing data, a damaged model file,
 * a diverged run: exit 1). Both print a message, never a stack trace.
 */

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** Interrupted (SIGINT) before there was anything to keep, as shells count it: 128 + 2. */
export const EXIT_INTERRUPTED = 130;

/** What a signal makes a process exit with, as shells count it: 128 + the signal's number. */
export const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof SIGNAL_EXIT;

/** Bad usage: the message names the flag and what it accepts. */
export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE;
  override readonly name = 'UsageError';
}

/** The command ran and failed (data missing, model damaged, training diverged…). */
export class RunError extends Error {
  readonly exitCode = EXIT_FAILED;
  override readonly name = 'RunError';
}

/**
 * Stopped before a run started (while its data loaded): nothing was trained, nothing to report.
 * Exits as the signal that stopped it would (Ctrl-C 130, a closed terminal 129, SIGTERM 143).
 */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(
    message: string,
    readonly exitCode: number = EXIT_INTERRUPTED,
  ) {
    super(message);
  }
}

/** The exit code an error maps to. */
export function exitCodeOf(err: unknown): number {
  if (err instanceof UsageError || err instanceof RunError || err instanceof Interrupted) return err.exitCode;
  return EXIT_FAILED;
}

/** A one-line (or few-line) message for an error, without a stack. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
