// Accuracy and time on real data: LinearClassifier's defaults on the embedded MNIST digits (seeded
// 8000/2000) and Fashion-MNIST (60000/10000), next to CS231n-style numpy SGD on the same data in
// the same run (best of a few learning rates, in its favour) and, with BENCH_SKLEARN=1,
// scikit-learn's SGDClassifier(hinge). Then the lecture's three strategies side by side.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LinearClassifier, loadSplits, preprocess, randomLocalSearch, randomSearch } from '@svm/core';
import { ms, table } from '../lib/format.mjs';
import { numpyUnavailable, runPython } from '../lib/python.mjs';

export const description = 'accuracy and time: MNIST digits and Fashion-MNIST vs numpy SGD (and sklearn); the three strategies';

const here = dirname(fileURLToPath(import.meta.url));
const pct = (x) => `${(100 * x).toFixed(1)}%`;

function numpyOn(name, split) {
  if (numpyUnavailable()) return undefined;
  const dir = mkdtempSync(join(tmpdir(), `svm-bench-${name}-`));
  try {
    writeFileSync(join(dir, 'Xtr.f32'), split.train.X.data);
    writeFileSync(join(dir, 'Xte.f32'), split.test.X.data);
    writeFileSync(join(dir, 'ytr.i32'), split.train.y);
    writeFileSync(join(dir, 'yte.i32'), split.test.y);
    writeFileSync(join(dir, 'shape.json'), JSON.stringify({ D: split.train.X.cols }));
    const args = [dir, 3000, 200, 1e-4, '0.01,0.05,0.1'];
    if (process.env.BENCH_SKLEARN === '1') args.push('sklearn');
    return runPython(join(here, '..', 'baselines', 'accuracy_numpy.py'), args, { timeoutMs: 600_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ours(split) {
  const model = new LinearClassifier({ classNames: split.classNames });
  const t0 = performance.now();
  await model.fit(split.train.X, split.train.y, { evalEvery: 0 });
  return { seconds: (performance.now() - t0) / 1000, accuracy: model.accuracy(split.test.X, split.test.y), model };
}

export async function run() {
  const rows = [];
  const datasets = [['mnist', 'MNIST digits (8000/2000)', 0.9]];
  let fashion;
  try {
    fashion = await loadSplits('fashion-mnist');
    datasets.push(['fashion-mnist', 'Fashion-MNIST (60000/10000)', 0.84]);
  } catch (err) {
    rows.push(['Fashion-MNIST', `skipped: ${err.message.split('\n')[0]}`, '', '', '']);
  }
  for (const [name, label, target] of datasets) {
    const split = name === 'fashion-mnist' ? fashion : await loadSplits(name);
    const o = await ours(split);
    rows.push([label, 'ours: LinearClassifier defaults', pct(o.accuracy), `${o.seconds.toFixed(2)} s`, `≥ ${pct(target)} ${o.accuracy >= target ? '✓' : '✗'}`]);
    const np = numpyOn(name, split);
    if (np) {
      const best = np.sgd.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
      rows.push([label, `numpy CS231n SGD (best lr of ${np.sgd.map((s) => s.lr).join(', ')}: ${best.lr})`, pct(best.accuracy), `${best.seconds.toFixed(2)} s`, '']);
      if (np.sklearn_sgd) rows.push([label, 'scikit-learn SGDClassifier(hinge)', pct(np.sklearn_sgd.accuracy), `${np.sklearn_sgd.seconds.toFixed(1)} s`, '']);
    }
  }

  // The three strategies: searches on 10000 training rows (1000 evaluations each), SGD as above.
  const strat = [];
  const split = fashion ?? (await loadSplits('mnist'));
  const n = Math.min(10000, split.train.X.rows);
  const sub = split.train.X.takeRows([...Array(n).keys()]);
  const { train: X, stats } = preprocess(sub);
  const y = split.train.y.slice(0, n);
  const acc = (W) => LinearClassifier.fromWeights(W, stats, { loss: 'svm' }).accuracy(split.test.X, split.test.y);
  let t0 = performance.now();
  const rs = await randomSearch(X, y, { tries: 1000, scale: 1e-3, seed: 1 });
  strat.push(['random search (1000 tries)', pct(acc(rs.W)), ms(performance.now() - t0), '15.5%']);
  t0 = performance.now();
  const rls = await randomLocalSearch(X, y, { steps: 1000, stepScale: 1e-3, seed: 1 });
  strat.push(['random local search (1000 steps)', pct(acc(rls.W)), ms(performance.now() - t0), '21.4%']);
  const o = await ours(split);
  strat.push(['gradient descent (mini-batch SGD, defaults)', pct(o.accuracy), ms(o.seconds * 1000), '~39%']);

  return [
    '## Accuracy and training time (test sets)\n',
    table(['data', 'method', 'test accuracy', 'training time', 'target'], rows),
    '',
    `### The three strategies on ${fashion ? 'Fashion-MNIST' : 'the MNIST digits'} (test accuracy; the lecture's CIFAR-10 figures for comparison)\n`,
    table(['strategy', 'test accuracy', 'ms', 'lecture (CIFAR-10)'], strat),
    '',
  ].join('\n');
}
