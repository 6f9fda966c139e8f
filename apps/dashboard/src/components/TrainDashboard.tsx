/**
 * The live training view, drawn from a TrainState snapshot: header (data, shapes, backend), the
 * progress bar, the loss chart beside the live figures, the class templates, a status line and
 * the keys. Finished checkpoints go to Ink's <Static> above it, printed once and never redrawn.
 */
import { Box, Static, Text } from 'ink';
import type { TrainState } from '../train/types.js';
import { describeBackend } from '../backend.js';
import { count, duration, num, percent, sci } from '../format.js';
import { formatScale } from '../train/session.js';
import { weightsMatchImage } from '../render/templates.js';
import { HelpLine } from './HelpLine.js';
import { LineChart } from './LineChart.js';
import { LogLine } from './LogLine.js';
import { ProgressBar } from './ProgressBar.js';
import { InlineStats, Stats, type Stat } from './Stats.js';
import { Templates } from './Templates.js';
import { outcomeLines, TrainSummary } from './TrainSummary.js';
import { trainLayout } from './layout.js';
import { useTerminal } from './terminal.js';

export interface TrainDashboardProps {
  state: TrainState;
  /** Whether key presses reach the app (stdin is a terminal). */
  keysActive?: boolean;
}

function settingsLine(s: TrainState['settings']): string {
  const batch = s.batchSize === 'full' ? 'full batch' : `batch ${s.batchSize}`;
  return `${s.loss} loss · ${s.optimizer} · lr ${sci(s.learningRate)} ${s.schedule} · reg ${sci(s.reg)} · ${batch} · ${count(s.steps)} steps · seed ${s.data.seed}`;
}

function liveStats(st: TrainState): Stat[] {
  const last = st.last;
  const ev = st.lastEvaluation;
  const rate = st.learningRate ?? last?.learningRate;
  const lr = rate !== undefined ? `${sci(rate, 2)}${st.lrScale !== 1 ? ` (×${formatScale(st.lrScale)})` : ''}` : '—';
  return [
    { label: 'step', value: `${count(st.step)}` },
    { label: 'loss', value: last ? num(last.loss, 4) : '—' },
    { label: 'lr', value: lr, ...(st.lrScale !== 1 ? { colour: 'yellow' } : {}) },
    { label: '‖∇W‖', value: last ? num(last.gradNorm, 3) : '—' },
    { label: 'violated', value: last ? (st.settings.loss === 'svm' ? percent(last.violatedShare) : 'n/a') : '—' },
    { label: 'batch acc', value: last ? percent(last.batchAccuracy) : '—' },
    { label: 'train acc', value: percent(ev?.trainAccuracy) },
    { label: 'val acc', value: percent(ev?.valAccuracy) },
    { label: 'elapsed', value: duration(st.elapsedMs) },
  ];
}

export function TrainDashboard({ state: st, keysActive = true }: TrainDashboardProps) {
  const term = useTerminal();
  const h = st.header;
  const W = st.weights?.W;
  const images = h?.imageShape && W && weightsMatchImage(W, h.imageShape) ? { imageShape: h.imageShape, classes: W.cols } : undefined;
  const live = st.phase === 'training' || st.phase === 'loading';
  // Larger templates while paused (the screen is still); the outcome's lines replace status + keys.
  const extra = st.outcome ? outcomeLines(st.outcome).length - 2 : 0;
  const layout = trainLayout(term.columns, term.rows, images, st.paused ? 14 : 10, extra);
  const stats = liveStats(st);
  return (
    <Box flexDirection="column" width={term.columns}>
      <Static items={st.log}>{(entry) => <LogLine key={entry.id} entry={entry} compact={layout.compact} />}</Static>
      <Text wrap="truncate">
        <Text bold color="cyan">
          svm train
        </Text>
        {h ? ` · ${h.dataset} · ${h.shapes} · ${describeBackend(h.backend)}` : ` · loading ${st.settings.data.dataset}…`}
      </Text>
      <Text dimColor wrap="truncate">
        {settingsLine(st.settings)}
      </Text>
      <ProgressBar
        done={st.step}
        total={st.iterations}
        width={layout.barWidth}
        stepsPerSecond={st.stepsPerSecond}
        etaMs={st.etaMs}
        paused={st.paused}
        compact={layout.compact}
      />
      {layout.compact ? (
        <InlineStats
          stats={stats.filter((s) => s.label !== 'elapsed' && s.label !== 'batch acc')}
          width={term.columns}
          lines={layout.figureLines}
        />
      ) : null}
      {layout.showChart ? (
        <Box marginTop={1} flexDirection="row" columnGap={2}>
          <LineChart
            title="loss (mini-batch, mean per column)"
            series={[st.losses.values()]}
            width={layout.chartWidth}
            height={layout.chartHeight}
            colour="cyan"
          />
          {layout.compact ? null : <Stats stats={stats} width={layout.statsWidth} />}
        </Box>
      ) : layout.compact ? null : (
        <Stats stats={stats} width={layout.statsWidth} />
      )}
      {layout.showTemplates && images && W && h ? (
        <Templates
          W={W}
          imageShape={images.imageShape}
          classNames={h.classNames}
          thumb={layout.thumb}
          width={term.columns}
          title={layout.compact ? `templates (step ${st.weights?.step ?? 0})` : `class templates (step ${st.weights?.step ?? 0}: red votes for the class, blue against)`}
        />
      ) : null}
      {st.outcome ? <TrainSummary outcome={st.outcome} /> : null}
      {st.error ? <Text color="red">{st.error}</Text> : null}
      {live ? (
        <>
          <Text color="cyan" wrap="truncate">
            {st.status ?? (st.phase === 'loading' ? `loading ${st.settings.data.dataset}…` : ' ')}
          </Text>
          <HelpLine paused={st.paused} compact={layout.compact} keysActive={keysActive} />
        </>
      ) : st.phase === 'finishing' ? (
        <Text color="cyan">evaluating…</Text>
      ) : null}
    </Box>
  );
}
