/** A progress bar with its figures: share done, steps, steps per second and time left. */
import { Text } from 'ink';
import { count, duration } from '../format.js';

export interface ProgressBarProps {
  done: number;
  total: number;
  /** Columns for the bar itself. */
  width: number;
  stepsPerSecond?: number;
  etaMs?: number;
  paused?: boolean;
  /** What is counted ("steps", "evaluations", "trials"). */
  unit?: string;
  compact?: boolean;
}

export function bar(fraction: number, width: number): [string, string] {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * width);
  return ['█'.repeat(full), '░'.repeat(Math.max(0, width - full))];
}

export function ProgressBar({ done, total, width, stepsPerSecond, etaMs, paused, unit = 'steps', compact }: ProgressBarProps) {
  const fraction = total > 0 ? done / total : 0;
  const [full, empty] = bar(fraction, width);
  const pct = `${Math.floor(fraction * 100)}%`.padStart(4);
  const rate = stepsPerSecond !== undefined && stepsPerSecond > 0 ? (compact ? `${count(stepsPerSecond)}/s` : `${count(stepsPerSecond)} ${unit}/s`) : '';
  const eta = paused ? 'paused' : etaMs !== undefined && Number.isFinite(etaMs) && done < total ? `ETA ${duration(etaMs)}` : '';
  // One line, cut at the window's edge: pieces side by side in a row would each be squeezed instead,
  // and the spaces between them go first ("2,000/sETA 600").
  return (
    <Text wrap="truncate">
      <Text color={paused ? 'yellow' : 'green'}>{full}</Text>
      <Text dimColor>{empty}</Text> {pct}
      {compact ? '' : ` ${count(done)}/${count(total)} ${unit}`}
      {rate ? `  ${rate}` : ''}
      {eta ? '  ' : ''}
      {eta ? <Text color={paused ? 'yellow' : undefined}>{eta}</Text> : null}
    </Text>
  );
}
