/**
 * `svm train` without a terminal: a header, a line per checkpoint (and a progress line at least
 * every few seconds between them), saves, and the outcome ending with the test accuracy.
 */
import { describeBackend } from '../backend.js';
import { checkpointText } from '../components/LogLine.js';
import { outcomeLines } from '../components/TrainSummary.js';
import { count, duration, num, sci } from '../format.js';
import type { Writer } from '../output/json.js';
import type { SessionEvent, TrainSettings } from './types.js';

export function settingsText(s: TrainSettings): string {
  const batch = s.batchSize === 'full' ? 'full batch' : `batch ${s.batchSize}`;
  return `${s.loss} loss · ${s.optimizer} · lr ${sci(s.learningRate)} ${s.schedule} · reg ${sci(s.reg)} · ${batch} · ${count(s.steps)} steps · seed ${s.data.seed}`;
}

export function plainTrainPrinter(write: Writer, everyMs = 2000): (e: SessionEvent) => void {
  let lastLine = 0;
  return (e) => {
    switch (e.type) {
      case 'start':
        write(`svm train · ${e.header.dataset} · ${e.header.shapes} · ${describeBackend(e.header.backend)}`);
        write(settingsText(e.settings));
        lastLine = performance.now();
        break;
      case 'progress': {
        const now = performance.now();
        if (e.evaluation) {
          write(
            checkpointText({ kind: 'checkpoint', id: 0, step: e.step, iterations: e.iterations, loss: e.last.loss, learningRate: e.last.learningRate, evaluation: e.evaluation, elapsedMs: e.elapsedMs }),
          );
          lastLine = now;
        } else if (now - lastLine >= everyMs) {
          write(`step ${e.step}/${e.iterations}  loss ${num(e.last.loss)}  ${count(e.stepsPerSecond)} steps/s  ETA ${duration(e.etaMs)}`);
          lastLine = now;
        }
        break;
      }
      case 'saved':
        write(`saved step ${e.step} to ${e.path}`);
        break;
      case 'control':
        if (e.action === 'stop') write('stopping…');
        break;
      case 'done':
        for (const line of outcomeLines(e.outcome)) if (!line.startsWith('model saved')) write(line);
        break;
    }
  };
}
