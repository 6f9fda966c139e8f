/** A pixel grid drawn with half blocks (one Text per line: thousands of cells, few Ink nodes). */
import { Text } from 'ink';
import { gridLines, type Mark, type PixelGrid } from '../render/pixels.js';
import { useTerminal } from './terminal.js';

export function Picture({ grid, marks }: { grid: PixelGrid; marks?: Map<number, Mark> }) {
  const { colour } = useTerminal();
  return <Text>{gridLines(grid, colour, marks).join('\n')}</Text>;
}
