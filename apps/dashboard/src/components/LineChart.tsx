/** A titled asciichart line chart, or a placeholder while there is no data yet. */
import { Box, Text } from 'ink';
import { lineChart } from '../render/chart.js';

export interface LineChartProps {
  title: string;
  series: ArrayLike<number>[];
  width: number;
  height: number;
  /** asciichart colour codes, one per series (several series); one series takes `colour`. */
  colours?: string[];
  /** Ink colour of a one-series chart (cheaper than asciichart's code per symbol). */
  colour?: string;
  log?: boolean;
  /** Shown under the chart (an x-axis note). */
  caption?: string;
  stretch?: boolean;
}

export function LineChart({ title, series, width, height, colours, colour, log, caption, stretch }: LineChartProps) {
  const lines = lineChart(series, { width, height, ...(colours ? { colours } : {}), ...(log ? { log } : {}), ...(stretch ? { stretch } : {}) });
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{title}</Text>
      {lines.length ? (
        <Text wrap="truncate" {...(colour ? { color: colour } : {})}>
          {lines.join('\n')}
        </Text>
      ) : (
        <Box height={height + 1}>
          <Text dimColor>waiting for data…</Text>
        </Box>
      )}
      {caption ? <Text dimColor wrap="truncate">{caption}</Text> : null}
    </Box>
  );
}
