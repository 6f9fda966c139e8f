/** One finished line of the training log: a checkpoint (accuracies at a step) or a note. */
import { Text } from 'ink';
import type { LogEntry } from '../train/types.js';
import { duration, num, percent, sci } from '../format.js';

export function checkpointText(e: Extract<LogEntry, { kind: 'checkpoint' }>, compact = false): string {
  const width = String(e.iterations).length;
  const step = `step ${String(e.step).padStart(width)}/${e.iterations}`;
  const acc = `train ${percent(e.evaluation.trainAccuracy)}${e.evaluation.valAccuracy !== undefined ? `  val ${percent(e.evaluation.valAccuracy)}` : ''}`;
  if (compact) return `${step}  loss ${num(e.loss, 3)}  ${acc}`;
  return `${step}  loss ${num(e.loss, 4).padEnd(7)}  ${acc}  lr ${sci(e.learningRate)}  ${duration(e.elapsedMs)}`;
}

export function LogLine({ entry, compact }: { entry: LogEntry; compact?: boolean }) {
  if (entry.kind === 'note') return <Text color="cyan">• {entry.text}</Text>;
  return (
    <Text wrap="truncate">
      <Text color="green">✓ </Text>
      {checkpointText(entry, compact)}
    </Text>
  );
}
