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

/** The same figures on one or two lines, for narrow terminals. */
export function InlineStats({ stats }: { stats: Stat[] }) {
  return (
    <Text wrap="wrap">
      {stats.map((s, i) => (
        <Text key={s.label}>
          {i ? '  ' : ''}
          <Text dimColor>{s.label} </Text>
          {s.colour ? <Text color={s.colour}>{s.value}</Text> : s.value}
        </Text>
      ))}
    </Text>
  );
}
