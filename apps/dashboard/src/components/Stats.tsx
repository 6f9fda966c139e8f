/** Label/value rows (the live figures next to the loss chart). */
import { Box, Text } from 'ink';

export interface Stat {
  label: string;
  value: string;
  colour?: string;
}

export function Stats({ stats, labelWidth = 10, width }: { stats: Stat[]; labelWidth?: number; width?: number }) {
  return (
    <Box flexDirection="column" {...(width ? { width } : {})}>
      {stats.map((s) => (
        <Text key={s.label} wrap="truncate">
          <Text dimColor>{s.label.padEnd(labelWidth)}</Text>
          {s.colour ? <Text color={s.colour}>{s.value}</Text> : s.value}
        </Text>
      ))}
    </Box>
  );
}

/**
 * The figures, each whole ("label value", two spaces apart) and in order, on at most `lines` lines
 * of `width` columns; those that no longer fit are left out, so the block's height is known.
 */
export function packFigures(stats: Stat[], width: number, lines: number): Stat[][] {
  const out: Stat[][] = [];
  let used = 0;
  for (const s of stats) {
    const w = [...s.label].length + 1 + [...s.value].length;
    const line = out[out.length - 1];
    if (line && used + 2 + w <= width) {
      line.push(s);
      used += 2 + w;
    } else if (out.length < lines) {
      out.push([s]);
      used = w;
    } else break;
  }
  return out;
}

/** The same figures on one or two lines, for narrow or short terminals. */
export function InlineStats({ stats, width, lines = 2 }: { stats: Stat[]; width: number; lines?: number }) {
  return (
    <Box flexDirection="column">
      {packFigures(stats, width, lines).map((line, l) => (
        <Text key={l} wrap="truncate">
          {line.map((s, i) => (
            <Text key={s.label}>
              {i ? '  ' : ''}
              <Text dimColor>{s.label} </Text>
              {s.colour ? <Text color={s.colour}>{s.value}</Text> : s.value}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
