/**
 * Small images in the terminal: a grid of pixels drawn two to a character cell with the upper
 * half block "▀" (foreground = upper pixel, background = lower pixel). Every pixel carries a
 * colour for 24-bit terminals and a grey level for the fallbacks, because a colour map's
 * luminance does not always keep what the colours show (a diverging map's two ends).
 */
import { greyIndex, RESET, shade, type ColourDepth, type Rgb } from './colour.js';

// SGR parameters ("38;2;r;g;b"); a cell joins what changed into one escape sequence.
const fgRgb = ([r, g, b]: Rgb) => `38;2;${r};${g};${b}`;
const bgRgb = ([r, g, b]: Rgb) => `48;2;${r};${g};${b}`;
const fgGrey = (level: number) => `38;5;${greyIndex(level)}`;
const bgGrey = (level: number) => `48;5;${greyIndex(level)}`;

export interface PixelGrid {
  width: number;
  height: number;
  /** r, g, b (0–255) per pixel, row-major. */
  rgb: Uint8ClampedArray;
  /** Grey level in [0, 1] per pixel (the fallback picture). */
  grey: Float32Array;
}

export function makeGrid(width: number, height: number): PixelGrid {
  return { width, height, rgb: new Uint8ClampedArray(width * height * 3), grey: new Float32Array(width * height) };
}

export function setPixel(g: PixelGrid, x: number, y: number, rgb: Rgb, grey: number): void {
  const i = y * g.width + x;
  g.rgb[i * 3] = rgb[0];
  g.rgb[i * 3 + 1] = rgb[1];
  g.rgb[i * 3 + 2] = rgb[2];
  g.grey[i] = grey;
}

function rgbAt(g: PixelGrid, i: number): Rgb {
  return [g.rgb[i * 3]!, g.rgb[i * 3 + 1]!, g.rgb[i * 3 + 2]!];
}

/** A character drawn over a cell (an optimizer's path on a heat-map). */
export interface Mark {
  char: string;
  /** Colour of the character (24-bit and 256-colour terminals); default white. */
  rgb?: Rgb;
}

/**
 * The grid as terminal lines, ⌈height / 2⌉ of them, each `width` columns wide. `marks` maps a cell
 * (x, line) to a character drawn on it, keyed `line * width + x`. Foreground and background codes
 * are written only when they change: Ink re-tokenizes every escape code on every frame, so the
 * bytes saved here are drawing time saved.
 */
export function gridLines(g: PixelGrid, depth: ColourDepth, marks?: Map<number, Mark>): string[] {
  if (depth === 'basic' || depth === 'none') return shadeLines(g, marks);
  const fg = depth === 'truecolor' ? (i: number) => fgRgb(rgbAt(g, i)) : (i: number) => fgGrey(g.grey[i]!);
  const bg = depth === 'truecolor' ? (i: number) => bgRgb(rgbAt(g, i)) : (i: number) => bgGrey(g.grey[i]!);
  // fg/bg give SGR parameters ("38;2;r;g;b"), joined into one sequence per cell below.
  const lines: string[] = [];
  for (let row = 0; row < g.height; row += 2) {
    let line = '';
    let curFg = '';
    let curBg = '';
    let bold = false;
    const hasBottom = row + 1 < g.height;
    for (let x = 0; x < g.width; x++) {
      const top = row * g.width + x;
      const bottom = top + g.width;
      const mark = marks?.get((row / 2) * g.width + x);
      let wantFg: string;
      let wantBg: string;
      let char = '▀';
      if (mark) {
        // The mark's background keeps the cell's colour (the mean of its two pixels).
        const a = rgbAt(g, top);
        const b = hasBottom ? rgbAt(g, bottom) : a;
        const grey = hasBottom ? (g.grey[top]! + g.grey[bottom]!) / 2 : g.grey[top]!;
        const mean: Rgb = [(a[0] + b[0]) >> 1, (a[1] + b[1]) >> 1, (a[2] + b[2]) >> 1];
        wantFg = depth === 'truecolor' ? fgRgb(mark.rgb ?? [255, 255, 255]) : fgGrey(grey > 0.5 ? 0 : 1);
        wantBg = depth === 'truecolor' ? bgRgb(mean) : bgGrey(grey);
        char = mark.char;
      } else {
        wantFg = fg(top);
        wantBg = hasBottom ? bg(bottom) : '49';
      }
      // One SGR sequence per cell at most, holding only what changed.
      const codes: string[] = [];
      if (Boolean(mark) !== bold) {
        bold = Boolean(mark);
        codes.push(bold ? '1' : '22');
      }
      if (wantFg !== curFg) codes.push((curFg = wantFg));
      if (wantBg !== curBg) codes.push((curBg = wantBg));
      if (codes.length) line += `\x1b[${codes.join(';')}m`;
      line += char;
    }
    lines.push(line + RESET);
  }
  return lines;
}

/** No colour: one shade character per cell (the mean of its two pixels), marks as themselves. */
function shadeLines(g: PixelGrid, marks?: Map<number, Mark>): string[] {
  const lines: string[] = [];
  for (let row = 0; row < g.height; row += 2) {
    let line = '';
    for (let x = 0; x < g.width; x++) {
      const top = row * g.width + x;
      const mark = marks?.get((row / 2) * g.width + x);
      const level = row + 1 < g.height ? (g.grey[top]! + g.grey[top + g.width]!) / 2 : g.grey[top]!;
      line += mark ? mark.char : shade(level);
    }
    lines.push(line);
  }
  return lines;
}
