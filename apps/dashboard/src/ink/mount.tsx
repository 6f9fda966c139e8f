/**
 * Mounting Ink views: live apps (keys, throttled frames, the terminal restored on unmount) and
 * one-shot views printed once (tables, charts) — both inside the terminal-size provider.
 */
import type { ReactElement } from 'react';
import { render, renderToString, type Instance } from 'ink';
import { SIGNAL_EXIT, type StopSignal } from '../errors.js';
import { colourDepth, type ColourDepth } from '../render/colour.js';
import { FixedTerminal, TerminalProvider } from '../components/terminal.js';

export interface Terminal {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
}

export function processTerminal(): Terminal {
  return { stdout: process.stdout, stdin: process.stdin, stderr: process.stderr };
}

/** Whether keys can be read: stdin must be a terminal that supports raw mode. */
export function keysAvailable(stdin: NodeJS.ReadStream): boolean {
  return Boolean(stdin.isTTY) && typeof stdin.setRawMode === 'function';
}

/** Frames per second Ink may draw at most (the stores throttle further, to ~10). */
export const MAX_FPS = 15;

export interface MountOptions {
  colour?: ColourDepth;
  /** Told what each of Ink's output passes cost, ms (Ink's renderTime: the benchmark counts them). */
  onFrame?: (ms: number) => void;
}

export function mount(element: ReactElement, term: Terminal = processTerminal(), opts: MountOptions = {}): Instance {
  return render(<TerminalProvider colour={opts.colour ?? colourDepth(term.stdout)}>{element}</TerminalProvider>, {
    stdout: term.stdout,
    stdin: term.stdin,
    stderr: term.stderr,
    exitOnCtrlC: false,
    patchConsole: term.stdout === process.stdout,
    maxFps: MAX_FPS,
    ...(opts.onFrame ? { onRender: ({ renderTime }: { renderTime: number }) => opts.onFrame!(renderTime) } : {}),
  });
}

/**
 * Prints a finished view (a table, a chart) once, as text: no live render, no cursor games, so a
 * view taller than the window simply scrolls like any command's output.
 */
export async function printOnce(element: ReactElement, term: Terminal = processTerminal()): Promise<void> {
  const columns = term.stdout.columns || 100;
  const info = { columns, rows: term.stdout.rows || 40, colour: colourDepth(term.stdout) };
  term.stdout.write(`${renderToString(<FixedTerminal info={info}>{element}</FixedTerminal>, { columns })}\n`);
}

/** The stop of the run in progress (onInterrupt's), for output that went away (cli.ts). */
let stopRun: (() => void) | undefined;

/**
 * Stops the run in progress, if any, as a signal would (its final save still happens); false when
 * no run is going. cli.ts calls it when the output's reader goes away (a pipe's end closed by the
 * same hang-up, or `| head` done).
 */
export function stopRunInProgress(): boolean {
  if (!stopRun) return false;
  stopRun();
  return true;
}

/**
 * Calls `stop` on SIGINT, SIGTERM or SIGHUP (a closed terminal: the run still ends as stopped, its
 * final save included; cli.ts ignores the output that can no longer be written). A second SIGINT or
 * SIGTERM exits at once; a second SIGHUP does not (closing a terminal that runs a shell sends one
 * from the shell and one from the kernel, ~0.1 s apart: exiting then would lose the save). Returns
 * the function that removes the handlers.
 */
export function onInterrupt(stop: (signal?: StopSignal) => void): () => void {
  let stopping = false;
  const stopOnce = (signal?: StopSignal) => {
    if (stopping) return;
    stopping = true;
    stop(signal);
  };
  const handler = (signal: StopSignal) => {
    if (stopping && signal !== 'SIGHUP') process.exit(SIGNAL_EXIT[signal]);
    stopOnce(signal);
  };
  const signals = Object.keys(SIGNAL_EXIT) as StopSignal[];
  for (const signal of signals) process.on(signal, handler);
  stopRun = stopOnce;
  return () => {
    for (const signal of signals) process.off(signal, handler);
    if (stopRun === stopOnce) stopRun = undefined;
  };
}
