/**
 * How a one-shot command (a table, a chart) shows its result in each output mode: the Ink view
 * printed once on a terminal, plain lines otherwise, JSON objects with --json.
 */
import type { ReactElement } from 'react';
import { printOnce, processTerminal, type Terminal } from '../ink/mount.js';
import { jsonPrinter, streamWriter, type JsonEvent } from './json.js';
import type { OutputMode } from './mode.js';

export interface Presentation {
  json: () => JsonEvent[];
  plain: () => string[];
  tty: () => ReactElement;
}

export async function present(mode: OutputMode, p: Presentation, term: Terminal = processTerminal()): Promise<void> {
  const write = streamWriter(term.stdout);
  if (mode === 'json') {
    const print = jsonPrinter(write);
    for (const e of p.json()) print(e);
  } else if (mode === 'plain') {
    for (const line of p.plain()) write(line);
  } else {
    await printOnce(p.tty(), term);
  }
}
