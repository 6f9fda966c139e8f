import { describe, expect, it } from 'vitest';
import { readRelativeError } from '@svm/core';
import { render } from 'ink-testing-library';
import { FixedTerminal, type TerminalInfo } from '../src/components/terminal.js';
import { TrainDashboard } from '../src/components/TrainDashboard.js';
import { TrainApp } from '../src/components/TrainApp.js';
import { StopKeys } from '../src/components/StopKeys.js';
import type { TrainingSession } from '../src/train/session.js';
import { Templates } from '../src/components/Templates.js';
import { ProgressBar } from '../src/components/ProgressBar.js';
import { SearchView, type SearchState } from '../src/commands/search.js';
import { RaceView } from '../src/commands/race.js';
import { GradcheckView, type GradcheckResult } from '../src/commands/gradcheck.js';
import { SweepView } from '../src/commands/sweep.js';
import { EvalView } from '../src/commands/eval.js';
import { stripAnsi } from '../src/render/colour.js';
import { squaresW, trainState } from './fixtures.js';
import type { ReactElement } from 'react';

function frame(el: ReactElement, term: Partial<TerminalInfo> = {}): string {
  const { lastFrame, unmount } = render(<FixedTerminal info={term}>{el}</FixedTerminal>);
  const out = lastFrame() ?? '';
  unmount();
  return out;
}

describe('TrainDashboard', () => {
  it('shows the data, the backend, progress, live figures, the chart, templates and the keys', () => {
    const out = stripAnsi(frame(<TrainDashboard state={trainState()} />));
    expect(out).toContain('svm train · mnist · 7200×784 train, 800 val, 2000 test, 10 classes · native backend, 1 thread');
    expect(out).toContain('svm loss · sgd · lr 0.03 constant · reg 1.0e-4 · batch 200');
    expect(out).toMatch(/40% 800\/2,000 steps {2}2,000 steps\/s {2}ETA 600 ms/);
    expect(out).toMatch(/loss\s+0\.3125/);
    expect(out).toMatch(/violated\s+4\.0%/);
    expect(out).toMatch(/val acc\s+88\.4%/);
    expect(out).toContain('loss (mini-batch, mean per column)');
    expect(out).toContain('┤');
    expect(out).toContain('class templates (step 800');
    expect(out).toContain('▀');
    expect(out).toContain('p pause · +/- learning rate ×2 / ÷2 · s save model now · q stop');
  });

  it('prints checkpoints and notes above the live area (Static)', () => {
    const out = stripAnsi(frame(<TrainDashboard state={trainState()} />));
    expect(out).toMatch(/✓ step {2}200\/2000 {2}loss 0\.52 +train 91\.0% {2}val 87\.0%/);
    expect(out).toContain('• saved step 400 to model.json');
    expect(out.indexOf('✓ step  200')).toBeLessThan(out.indexOf('svm train ·'));
  });

  it('says when it is paused and what the scaled learning rate is', () => {
    const out = stripAnsi(frame(<TrainDashboard state={trainState({ paused: true, lrScale: 2, status: 'paused at step 800' })} />));
    expect(out).toContain('paused at step 800');
    expect(out).toContain('p resume');
    expect(out).toMatch(/lr\s+0\.03 \(×2\)/);
  });

  it('ends with the outcome, the test accuracy last', () => {
    const state = trainState({ phase: 'done', outcome: { stopped: 'done', steps: 2000, loss: 0.3, elapsedMs: 900, trainAccuracy: 0.938, valAccuracy: 0.893, testAccuracy: 0.91, savedTo: 'm.json' } });
    const out = stripAnsi(frame(<TrainDashboard state={state} />));
    expect(out).toContain('finished after 2000 steps');
    expect(out).toContain('train accuracy 93.8%, val accuracy 89.3%');
    expect(out).toContain('test accuracy 91.0%');
    expect(out).toContain('model saved to m.json');
    expect(out).not.toContain('q stop');
  });

  it('reports a diverged run with advice', () => {
    const state = trainState({ phase: 'done', outcome: { stopped: 'diverged', steps: 12, loss: 1e9, elapsedMs: 20, diverged: { step: 11, learningRate: 50, loss: 1e9 } } });
    expect(stripAnsi(frame(<TrainDashboard state={state} />))).toContain('try a smaller --lr');
  });

  it('gives a narrow terminal a compact layout whose lines fit', () => {
    const out = stripAnsi(frame(<TrainDashboard state={trainState({ log: [] })} />, { columns: 60, rows: 30 }));
    expect(out).toContain('p pause · +/- lr · s save · q quit');
    expect(out).toMatch(/train acc 93\.1% {2}val acc 88\.4%/);
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('keeps the live area inside a short terminal: smaller templates, then none, never the chart', () => {
    const live = (rows: number) => {
      const out = stripAnsi(frame(<TrainDashboard state={trainState({ log: [] })} />, { columns: 100, rows }));
      expect(out.split('\n').length).toBeLessThan(rows);
      expect(out).toContain('loss (mini-batch');
      return out;
    };
    expect(live(40)).toContain('class templates');
    expect(live(24)).toContain('class templates');
    expect(live(18)).not.toContain('class templates');
  });
});

describe('Templates', () => {
  const props = { W: squaresW(), imageShape: [28, 28], classNames: 'abcdefghij'.split(''), thumb: 7, width: 100 };

  it('draws 24-bit half blocks when the terminal has them', () => {
    const out = frame(<Templates {...props} />, { colour: 'truecolor' });
    expect(out).toMatch(/\x1b\[[0-9;]*38;2;\d+;\d+;\d+/);
    expect(out).toContain('▀');
    expect(stripAnsi(out)).toContain('a       b       c');
  });

  it('falls back to the 256-colour grey ramp, then to shade characters', () => {
    const grey = frame(<Templates {...props} />, { colour: 'ansi256' });
    expect(grey).toMatch(/38;5;2[3-5]\d/);
    expect(grey).not.toMatch(/38;2;/);
    const none = frame(<Templates {...props} />, { colour: 'none' });
    expect(none).not.toContain('▀');
    expect(none).toMatch(/[@%#*+=]/);
  });
});

describe('ProgressBar', () => {
  it('fills in proportion and shows rate and ETA', () => {
    const out = frame(<ProgressBar done={25} total={100} width={20} stepsPerSecond={50} etaMs={1500} />);
    expect(stripAnsi(out)).toBe('█████░░░░░░░░░░░░░░░  25% 25/100 steps  50 steps/s  ETA 1.5 s');
  });
});

describe('SearchView', () => {
  it('fills the grid: accuracies, running cells, diverged cells marked, the outcome', () => {
    const trial = (index: number, lr: number, reg: number, val: number, stopped: 'done' | 'diverged' = 'done') => ({
      state: 'done' as const,
      trial: { index, params: { learningRate: lr, reg, batchSize: 200, optimizer: 'sgd' as const }, valAccuracy: val, trainAccuracy: val, loss: 0.3, stopped, steps: 500, elapsedMs: 100 },
    });
    const state: SearchState = {
      title: 'svm search · mnist',
      lrs: [0.01, 10],
      regs: [0, 1],
      steps: 500,
      cells: [trial(0, 0.01, 0, 0.87), { state: 'running', step: 250 }, trial(2, 10, 0, 0.85), trial(3, 10, 1, 0, 'diverged')],
      best: 0,
    };
    const out = stripAnsi(frame(<SearchView state={state} />));
    expect(out).toContain('3/4 trials');
    expect(out).toMatch(/0\.01\s+87\.0%\s+50%…/);
    expect(out).toMatch(/10\s+85\.0%\s+✗ diverged/);
  });
});

describe('RaceView', () => {
  it('shows a lane per strategy and the standings when finished', () => {
    const pts = (n: number, l0: number) => Array.from({ length: n }, (_, i) => ({ evaluations: i + 1, elapsedMs: i, loss: l0 / (i + 1) }));
    const out = stripAnsi(
      frame(
        <RaceView
          state={{
            title: 'svm race',
            budget: 50,
            finished: true,
            lanes: [
              { strategy: 'random-search', points: pts(50, 9), done: true },
              { strategy: 'gradient-descent', points: pts(50, 2), done: true },
            ],
          }}
        />,
      ),
    );
    expect(out).toMatch(/random-search\s+█+ +50 evals {2}loss 0\.18/);
    expect(out).toContain('x: evaluations spent, 0 → 50');
    expect(out).toMatch(/gradient-descent\s+0\.04\s+50\s+\S+ ms\s+#1/);
  });
});

describe('one-shot views', () => {
  it('GradcheckView: both precisions side by side, kinks flagged, the verdict', () => {
    const check = (relError: number, nearKink = false) => ({
      row: 3,
      col: 1,
      analytic: 0.25,
      numeric: 0.25,
      relError,
      nearKink,
      roundingError: 1e-10,
      verdict: readRelativeError(relError, { nearKink, analytic: 0.25 }),
    });
    const r: GradcheckResult = {
      dataset: 'mnist, 500×785',
      loss: 'svm',
      reg: 0.01,
      h: 1e-5,
      steps: 0,
      float64: { maxRelError: 3e-9, maxRelErrorAwayFromKinks: 3e-9, checks: [check(3e-9), check(2e-5, true)], loss: 9, dtype: 'float64', h: 1e-5, scheme: 'centered' },
      float32: { maxRelError: 0.02, maxRelErrorAwayFromKinks: 0.02, checks: [check(0.02), check(0.01)], loss: 9, dtype: 'float32', h: 1e-5, scheme: 'centered' },
    };
    const out = stripAnsi(frame(<GradcheckView result={r} />));
    expect(out).toMatch(/weight\s+analytic\s+numeric f64\s+rel err f64\s+numeric f32\s+rel err f32\s+near kink/);
    expect(out).toMatch(/\(3, 1\)\s+0\.250000\s+0\.250000\s+3\.00e-9\s+0\.250000\s+2\.00e-2/);
    expect(out).toContain('kink');
    expect(out).toContain('the gradient is right');
    expect(out).toContain('check gradients in float64');
  });

  it('SweepView: the table with the best step starred and the chart', () => {
    const entries = [1e-3, 1e-1, 10].map((stepSize, i) => ({ stepSize, loss: [8, 2, 50][i]!, change: [-1, -7, 41][i]!, rises: i === 2 }));
    const out = stripAnsi(frame(<SweepView result={{ dataset: 'mnist', loss: 'svm', reg: 1e-4, steps: 0, start: 9, entries, best: entries[1]! }} />));
    expect(out).toMatch(/0\.1\s+2\s+-7\s+★ best/);
    expect(out).toMatch(/10\s+50\s+\+41\s+↑ overshoots/);
    expect(out).toContain('loss after one step (log scale)');
  });

  it('EvalView: accuracy, per-class bars, confusion matrix', () => {
    const out = stripAnsi(
      frame(<EvalView result={{ model: 'm.json', dataset: 'mnist', split: 'test', examples: 4, accuracy: 0.75, classNames: ['a', 'b'], perClass: [1, 0.5], confusion: [[2, 0], [1, 1]] }} />),
    );
    expect(out).toContain('accuracy 75.0%');
    expect(out).toMatch(/a +█{20} 100\.0%/);
    expect(out).toMatch(/b\s+1\s+1/);
  });
});

describe('the live area fits short windows (taller, Ink would clear the screen every frame)', () => {
  it.each([
    [20, 8],
    [30, 10],
    [40, 12],
    [60, 9],
    [100, 12],
    [100, 14],
    [100, 16],
    [120, 18],
  ])('%i×%i', (columns, rows) => {
    const state = trainState();
    const lines = stripAnsi(frame(<TrainDashboard state={state} />, { columns, rows })).split('\n');
    // The log lines above are printed once, into the scrollback (Static; a long one may wrap
    // there); the live area from the title on is redrawn, and keeps two lines spare.
    const live = lines.slice(lines.findIndex((l) => l.startsWith('svm train')));
    expect(live.length).toBeLessThanOrEqual(rows - 2);
    expect(live.length).toBeGreaterThanOrEqual(5);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(columns);
  });
});

describe('keys typed while the process was busy arrive together, and each one counts', () => {
  const tick = () => new Promise((r) => setTimeout(r, 20));
  it('TrainApp: "++" doubles twice, "ss" saves twice, "qq" stops', async () => {
    const calls: string[] = [];
    const state = trainState();
    const session = {
      store: { subscribe: () => () => undefined, get: () => state },
      togglePause: () => calls.push('pause'),
      scaleLearningRate: (f: number) => calls.push(`lr×${f}`),
      saveNow: () => (calls.push('save'), Promise.resolve(undefined)),
      stop: () => calls.push('stop'),
    } as unknown as TrainingSession;
    const app = render(<TrainApp session={session} keysActive />);
    await tick();
    app.stdin.write('++');
    await tick();
    app.stdin.write('ss');
    await tick();
    app.stdin.write('qq');
    await tick();
    app.unmount();
    expect(calls.filter((c) => c.startsWith('lr×'))).toHaveLength(2);
    expect(calls.filter((c) => c === 'save')).toHaveLength(2);
    expect(calls).toContain('stop');
  });
  it('StopKeys (search, race): q, Esc and Ctrl-C stop, even batched; other keys do nothing', async () => {
    let stops = 0;
    const app = render(<StopKeys onStop={() => stops++} isActive />);
    await tick();
    app.stdin.write('abc');
    await tick();
    expect(stops).toBe(0);
    app.stdin.write('xq');
    await tick();
    app.stdin.write('\x03\x03');
    await tick();
    app.unmount();
    expect(stops).toBe(2);
  });
});
