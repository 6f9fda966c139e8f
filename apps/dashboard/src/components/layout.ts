/**
 * The training view's layout from the terminal size: what to show and how big, so the live area
 * always fits the screen (Ink redraws the whole terminal, flickering, once its output is taller
 * than the window) and a narrow terminal gets a compact layout instead of wrapped lines.
 */
import { COMPACT_BELOW } from './terminal.js';

export interface TrainLayout {
  compact: boolean;
  barWidth: number;
  showChart: boolean;
  chartWidth: number;
  /** Rows of plot area (the chart takes this + 2 lines with its title). */
  chartHeight: number;
  /** Width of the figures column beside the chart (0 in the compact layout: figures go inline). */
  statsWidth: number;
  /** Lines of inline figures in the compact layout: two, or fewer in a window too short for them. */
  figureLines: number;
  showTemplates: boolean;
  /** Template thumbnail width in pixels (= columns). */
  thumb: number;
}

const STATS_WIDTH = 26;
/** Lines of the figures column (wide layout). */
const STATS_LINES = 9;

/** Lines the template block takes: a title, then per row of thumbnails the picture and a label. */
export function templateHeight(thumb: number, imageShape: number[], classes: number, columns: number): number {
  const [h, w] = imageShape as [number, number];
  const th = Math.max(1, Math.round((h * thumb) / w));
  const perRow = Math.max(1, Math.floor((columns + 1) / (thumb + 1)));
  return 1 + Math.ceil(classes / perRow) * (Math.ceil(th / 2) + 1);
}

/**
 * The largest thumbnail (≤ `max` px, ≥ 5 px) that fits the classes in one row, else in two. Live
 * thumbnails stay ≤ 10 px: their escape codes are most of what Ink processes per frame.
 */
export function thumbWidth(columns: number, classes: number, max = 10): number {
  const oneRow = Math.floor((columns + 1) / classes) - 1;
  if (oneRow >= 7) return Math.min(max, oneRow);
  const twoRows = Math.floor((columns + 1) / Math.ceil(classes / 2)) - 1;
  return Math.max(5, Math.min(max, twoRows));
}

/**
 * @param extraLines lines shown below beyond the usual status and keys lines (the outcome at the end)
 */
export function trainLayout(columns: number, rows: number, images?: { imageShape: number[]; classes: number }, maxThumb = 10, extraLines = 0): TrainLayout {
  const compact = columns < COMPACT_BELOW;
  const statsWidth = compact ? 0 : STATS_WIDTH;
  // The figures after the bar take up to ~57 columns (" 100% 300,000/300,000 steps  10,443 steps/s
  // ETA 12.3 min"), ~31 compact: the bar gets the rest, so the line never wraps or squeezes.
  const compactBar = Math.max(8, Math.min(40, columns - 32));
  // The inline figures' two lines, fewer when even the fixed lines barely fit.
  const figureLines = Math.max(0, Math.min(2, rows - 7 - extraLines));
  const base = {
    compact,
    statsWidth,
    figureLines,
    chartWidth: Math.max(20, compact ? columns - 1 : columns - statsWidth - 2),
    barWidth: compact ? compactBar : Math.max(10, Math.min(50, columns - 60)),
  };
  // Title, settings, progress bar, status, keys; the inline figures (compact); two spare lines (Ink
  // ends its output with a newline, and output reaching the bottom edge scrolls the title away).
  const budget = rows - (7 + (compact ? 2 : 0) + extraLines);
  // The chart row: a margin, the title, the plot and its axis; beside it (wide) the figures.
  const chartRow = (h: number) => 1 + Math.max(h + 2, compact ? 0 : STATS_LINES);
  if (images) {
    const largest = thumbWidth(columns, images.classes, maxThumb);
    for (const thumb of [largest, 7, 5].filter((t, i, all) => t <= largest && all.indexOf(t) === i)) {
      const tpl = templateHeight(thumb, images.imageShape, images.classes, columns);
      const h = Math.min(10, budget - tpl - 3);
      if (h >= 4 && chartRow(h) + tpl <= budget) return { ...base, showChart: true, chartHeight: h, showTemplates: true, thumb };
    }
  }
  const h = Math.min(10, budget - 3);
  const showChart = h >= 3 && chartRow(h) <= budget;
  if (!showChart && !compact && budget < STATS_LINES) {
    // No room for the chart, nor for the figures column it stood beside: the figures go inline,
    // two lines, as in the compact layout.
    return { ...base, compact: true, statsWidth: 0, barWidth: compactBar, showChart: false, chartHeight: 3, showTemplates: false, thumb: 0 };
  }
  return { ...base, showChart, chartHeight: Math.max(3, h), showTemplates: false, thumb: 0 };
}
