/**
 * Mounting Ink views: live apps (keys, throttled frames, the terminal restored on unmount) and
 * one-shot views printed once (tables, charts) — both inside the terminal-size provider.
 */
import type { ReactElement } from 'react';
import { render, renderToString, type Instance } from 'ink';
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

/** What a second signal exits with, as shells count it: 128 + the signal's number. */
const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Calls `stop` on SIGINT, SIGTERM or SIGHUP (a closed terminal: the run still ends as stopped, its
 * final save included; cli.ts ignores the output that can no longer be written). A second signal
 * exits at once. Returns the function that removes the handlers.
 */
export function onInterrupt(stop: () => void): () => void {
  let stopping = false;
  const handler = (signal: keyof typeof SIGNAL_EXIT) => {
    if (stopping) process.exit(SIGNAL_EXIT[signal]);
    stopping = true;
    stop();
  };
  const signals = Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[];
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}
