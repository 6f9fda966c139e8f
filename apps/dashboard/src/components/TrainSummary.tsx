/** How the run ended: stop reason, accuracies (test last, the number that matters) and the file saved. */
import { Box, Text } from 'ink';
import type { Outcome } from '../train/types.js';
import { duration, num, percent, sci } from '../format.js';

const STOPPED: Record<Outcome['stopped'], string> = {
  done: 'finished',
  aborted: 'stopped',
  diverged: 'diverged',
  'early-stopped': 'stopped early (validation accuracy stopped improving)',
};

export function outcomeLines(o: Outcome): string[] {
  const lines = [`${STOPPED[o.stopped]} after ${o.steps} step${o.steps === 1 ? '' : 's'} in ${duration(o.elapsedMs)}, last batch loss ${num(o.loss)}`];
  if (o.diverged) {
    lines.push(`the loss blew up at step ${o.diverged.step} (learning rate ${sci(o.diverged.learningRate)}, loss ${num(o.diverged.loss)}): try a smaller --lr`);
  }
  if (o.trainAccuracy !== undefined) {
    const parts = [`train accuracy ${percent(o.trainAccuracy)}`];
    if (o.valAccuracy !== undefined) parts.push(`val accuracy ${percent(o.valAccuracy)}`);
    lines.push(parts.join(', '));
  }
  if (o.testAccuracy !== undefined) lines.push(`test accuracy ${percent(o.testAccuracy)}`);
  if (o.savedTo) lines.push(`model saved to ${o.savedTo}`);
  return lines;
}

export function TrainSummary({ outcome }: { outcome: Outcome }) {
  const lines = outcomeLines(outcome);
  return (
    <Box flexDirection="column">
      {lines.map((l) => (
        <Text
          key={l}
          bold={l.startsWith('test accuracy')}
          color={outcome.stopped === 'diverged' ? 'red' : l.startsWith('test accuracy') ? 'green' : undefined}
        >
          {l}
        </Text>
      ))}
    </Box>
  );
}
