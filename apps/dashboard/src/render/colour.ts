/**
 * What colours the terminal shows, and the SGR escape codes to use them. Images are drawn in
 * 24-bit colour when the terminal has it, in a 24-step grey ramp on 256-colour terminals, and as
 * shade characters otherwise (16-colour terminals, NO_COLOR, pipes, dumb terminals).
 */

export type ColourDepth = 'truecolor' | 'ansi256' | 'basic' | 'none';

/** The stream's colour depth (Node reads COLORTERM, TERM, TMUX, NO_COLOR and FORCE_COLOR). */
export function colourDepth(stream: { isTTY?: boolean; getColorDepth?: (env?: object) => number } = process.stdout): ColourDepth {
  const forced = process.env.FORCE_COLOR;
  if (!stream.isTTY && (forced === undefined || forced === '0')) return 'none';
  const bits = typeof stream.getColorDepth === 'function' ? stream.getColorDepth() : forced ? 24 : 1;
  if (bits >= 24) return 'truecolor';
  if (bits >= 8) return 'ansi256';
  if (bits >= 4) return 'basic';
  return 'none';
}

export type Rgb = readonly [number, number, number];

export const RESET = '\x1b[0m';

/** Foreground and background codes in 24-bit colour. */
export function fgRgb([r, g, b]: Rgb): string {
  return `\x1b[38;2;${r};${g};${b}m`;
}
export function bgRgb([r, g, b]: Rgb): string {
  return `\x1b[48;2;${r};${g};${b}m`;
}

/** The 256-colour palette's grey ramp (232 black … 255 near-white) for a grey level in [0, 1]. */
export function greyIndex(level: number): number {
  const l = Math.min(1, Math.max(0, level));
  return 232 + Math.round(l * 23);
}
export function fgGrey(level: number): string {
  return `\x1b[38;5;${greyIndex(level)}m`;
}
export function bgGrey(level: number): string {
  return `\x1b[48;5;${greyIndex(level)}m`;
}

/** Shade characters from empty to full, for terminals without colour. */
export const SHADES = ' .:-=+*#%@';

export function shade(level: number): string {
  const l = Math.min(1, Math.max(0, Number.isFinite(level) ? level : 0));
  return SHADES[Math.min(SHADES.length - 1, Math.floor(l * SHADES.length))]!;
}

/** Removes SGR codes: what a person reads (tests and width measurement). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
