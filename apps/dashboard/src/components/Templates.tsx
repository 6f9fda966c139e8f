/**
 * The class templates of the current weights as small images in a row (wrapping as the width
 * allows), each with its class name underneath.
 *
 * Memoized on the W snapshot: a frame without a new one (paused, a key's note, the outcome, a
 * <Static> second pass) skips this subtree in React and reuses the pictures. Ink 6 still writes and
 * re-tokenizes the unchanged strings on every frame — it builds its output from the whole tree
 * each time, with caches that last one frame — so this saves React's work and the pictures'
 * construction, not Ink's; the store's frame pacing does the rest.
 */
import { memo, useMemo } from 'react';
import { Box, Text } from 'ink';
import type { Matrix } from '@svm/core';
import { templateImages } from '../render/templates.js';
import { fit } from '../format.js';
import { gridLines } from '../render/pixels.js';
import { useTerminal } from './terminal.js';

/** Pictures (lists of equally long lines) side by side, one space apart. */
function joinSideBySide(pictures: string[][]): string {
  const height = Math.max(...pictures.map((p) => p.length));
  const lines: string[] = [];
  for (let i = 0; i < height; i++) lines.push(pictures.map((p) => p[i] ?? '').join(' '));
  return lines.join('\n');
}

export interface TemplatesProps {
  W: Matrix;
  imageShape: number[];
  classNames: string[];
  /** Thumbnail width in pixels (= columns). */
  thumb: number;
  /** Columns available. */
  width: number;
  title?: string;
}

export const Templates = memo(function Templates({ W, imageShape, classNames, thumb, width, title }: TemplatesProps) {
  const { colour } = useTerminal();
  const rows = useMemo(() => {
    const images = templateImages(W, imageShape, classNames, thumb);
    const perRow = Math.max(1, Math.floor((width + 1) / (thumb + 1)));
    const out: { pictures: string; names: string }[] = [];
    for (let i = 0; i < images.length; i += perRow) {
      const row = images.slice(i, i + perRow);
      out.push({ pictures: joinSideBySide(row.map((img) => gridLines(img.grid, colour))), names: row.map((img) => fit(img.className, thumb)).join(' ') });
    }
    return out;
  }, [W, imageShape, classNames, thumb, width, colour]);
  return (
    <Box flexDirection="column">
      {title ? (
        <Text bold wrap="truncate">
          {title}
        </Text>
      ) : null}
      {rows.map((row, r) => (
        // One Text per row of thumbnails (not one per image): Ink lays out and measures each
        // node on every frame, and these are the biggest strings on the screen.
        <Box key={r} flexDirection="column">
          <Text>{row.pictures}</Text>
          <Text dimColor>{row.names}</Text>
        </Box>
      ))}
    </Box>
  );
});
