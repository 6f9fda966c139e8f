/**
 * How a command prints: the live Ink view on a terminal, plain lines for pipes and CI, or one JSON
 * object per line for machines (--json wins over everything; --plain forces lines on a terminal).
 */
import type { OutputFlags } from '../options/common.js';

export type OutputMode = 'tty' | 'plain' | 'json';

export function outputMode(flags: OutputFlags, stdout: { isTTY?: boolean } = process.stdout): OutputMode {
  if (flags.json) return 'json';
  if (flags.plain) return 'plain';
  return stdout.isTTY ? 'tty' : 'plain';
}
