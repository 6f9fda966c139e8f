/** The keys that work right now, always on screen while training. */
import { Text } from 'ink';
import { LR_STEP } from '../train/session.js';

export function HelpLine({ paused, compact, keysActive = true }: { paused: boolean; compact?: boolean; keysActive?: boolean }) {
  if (!keysActive) return <Text dimColor>keys unavailable (stdin is not a terminal) · Ctrl-C stops</Text>;
  const keys: [string, string][] = compact
    ? [
        ['p', paused ? 'resume' : 'pause'],
        ['+/-', 'lr'],
        ['s', 'save'],
        ['q', 'quit'],
      ]
    : [
        ['p', paused ? 'resume' : 'pause'],
        ['+/-', `learning rate ×${LR_STEP} / ÷${LR_STEP}`],
        ['s', 'save model now'],
        ['q', 'stop (Ctrl-C too)'],
      ];
  return (
    <Text wrap="truncate">
      {keys.map(([k, what], i) => (
        <Text key={k}>
          {i ? <Text dimColor> · </Text> : null}
          <Text bold color="cyan">
            {k}
          </Text>
          <Text dimColor> {what}</Text>
        </Text>
      ))}
    </Text>
  );
}
