/**
 * `svm predict`: a saved model on given images (PNG, PGM, PPM — resized to the model's input) or
 * on examples of a dataset's test split (--index), each shown as a thumbnail with the predicted
 * class, its margin over the runner-up and, for dataset examples, the true class.
 */
import { Command, Option } from 'commander';
import { Matrix } from '@svm/core';
import { Box, Text } from 'ink';
import { applyBackend } from '../backend.js';
import { Picture } from '../components/Picture.js';
import { useTerminal } from '../components/terminal.js';
import { loadDataset } from '../data/load.js';
import { UsageError } from '../errors.js';
import { fit, num } from '../format.js';
import { readImage, toFeatures } from '../images/read-image.js';
import { loadModel, modelFeatures } from '../model/load-model.js';
import { addBackendOptions, addDatasetOptions, addOutputOptions, type BackendFlags, type DatasetFlags, type OutputFlags } from '../options/common.js';
import { indexList } from '../options/parse.js';
import { outputMode } from '../output/mode.js';
import { present } from '../output/present.js';
import { formatTable } from '../output/table.js';
import { exampleGrid } from '../render/examples.js';
import { checkCompatible } from './eval.js';

interface PredictFlags extends DatasetFlags, OutputFlags, BackendFlags {
  index?: number[];
  invert?: boolean;
}

export interface Prediction {
  source: string;
  features: Float32Array;
  predicted: string;
  /** Score of the predicted class minus the runner-up's. */
  margin: number;
  top: { className: string; score: number }[];
  truth?: string;
}

export interface PredictResult {
  model: string;
  imageShape?: number[];
  predictions: Prediction[];
}

export function predictCommand(): Command {
  const cmd = new Command('predict')
    .description("classify images (PNG/PGM/PPM) or dataset examples with a saved model")
    .argument('<model>', 'model file (from svm train --save)')
    .argument('[images...]', 'image files, resized to the model input (default: test examples, see --index)');
  addDatasetOptions(cmd);
  cmd
    .addOption(new Option('--index <list>', 'test-split examples to classify, comma-separated (default 0-7 when no images are given)').argParser(indexList))
    .option('--invert', 'invert image files (for dark digits on a light background: MNIST is white on black)');
  addBackendOptions(cmd);
  addOutputOptions(cmd);
  cmd.action(async (modelPath: string, images: string[], f: PredictFlags) => {
    applyBackend(f);
    await present(outputMode(f), predictPresentation(await runPredict(modelPath, images, f)));
  });
  return cmd;
}

export async function runPredict(modelPath: string, images: string[], f: PredictFlags): Promise<PredictResult> {
  const model = await loadModel(modelPath);
  const D = modelFeatures(model);
  const inputs: { source: string; features: Float32Array; truth?: string }[] = [];
  if (images.length) {
    if (!model.imageShape) throw new UsageError(`${modelPath} was not trained on images (it has no image shape); use --index with its dataset`);
    for (const path of images) inputs.push({ source: path, features: toFeatures(await readImage(path), model.imageShape, f.invert) });
  }
  if (f.index || images.length === 0) {
    const data = await loadDataset(f);
    checkCompatible(model, data, modelPath);
    for (const i of f.index ?? [0, 1, 2, 3, 4, 5, 6, 7]) {
      if (i >= data.test.X.rows) throw new UsageError(`--index ${i} is out of range: ${data.name}'s test split has ${data.test.X.rows} examples (0–${data.test.X.rows - 1})`);
      inputs.push({ source: `${data.name} test #${i}`, features: data.test.X.data.slice(i * D, (i + 1) * D), truth: data.classNames[data.test.y[i]!] ?? String(data.test.y[i]) });
    }
  }
  const X = new Matrix(inputs.length, D, new Float32Array(inputs.length * D));
  inputs.forEach((inp, r) => X.data.set(inp.features, r * D));
  const S = model.scores(X);
  const C = S.cols;
  const names = model.classNames;
  const predictions = inputs.map((inp, r) => {
    const scores = Array.from({ length: C }, (_, c) => ({ className: names[c] ?? String(c), score: S.data[r * C + c]! }));
    const top = [...scores].sort((a, b) => b.score - a.score);
    return { ...inp, predicted: top[0]!.className, margin: top[0]!.score - (top[1]?.score ?? top[0]!.score), top: top.slice(0, 3) };
  });
  return { model: modelPath, ...(model.imageShape ? { imageShape: model.imageShape } : {}), predictions };
}

function verdict(p: Prediction): string {
  return p.truth === undefined ? '' : p.truth === p.predicted ? '✓' : `✗ (is ${p.truth})`;
}

export function predictRows(r: PredictResult): string[][] {
  return r.predictions.map((p) => [p.source, p.predicted, num(p.margin, 3), p.top.map((t) => `${t.className} ${num(t.score, 3)}`).join(', '), verdict(p)]);
}

const COLUMNS = [{ header: 'input', align: 'left' as const }, { header: 'predicted', align: 'left' as const }, { header: 'margin' }, { header: 'top scores', align: 'left' as const }, { header: '', align: 'left' as const }];

export function predictPresentation(r: PredictResult) {
  return {
    json: () => r.predictions.map((p) => ({ type: 'prediction', input: p.source, predicted: p.predicted, margin: p.margin, top: p.top, ...(p.truth !== undefined ? { truth: p.truth, correct: p.truth === p.predicted } : {}) })),
    plain: () => [`svm predict · ${r.model}`, '', ...formatTable(COLUMNS, predictRows(r))],
    tty: () => <PredictView result={r} />,
  };
}

export function PredictView({ result: r }: { result: PredictResult }) {
  const { columns } = useTerminal();
  const thumb = 14;
  const perRow = Math.max(1, Math.floor((columns + 1) / (thumb + 2)));
  const rows: Prediction[][] = [];
  for (let i = 0; i < r.predictions.length; i += perRow) rows.push(r.predictions.slice(i, i + perRow));
  return (
    <Box flexDirection="column">
      <Text bold color="cyan">
        svm predict · {r.model}
      </Text>
      {r.imageShape
        ? rows.map((row, k) => (
            <Box key={k} flexDirection="row" columnGap={2} marginTop={1}>
              {row.map((p) => (
                <Box key={p.source} flexDirection="column" width={thumb}>
                  <Picture grid={exampleGrid(p.features, r.imageShape!, thumb)} />
                  <Text bold color={p.truth === undefined ? 'cyan' : p.truth === p.predicted ? 'green' : 'red'}>
                    {fit(`→ ${p.predicted} ${p.truth === undefined ? '' : p.truth === p.predicted ? '✓' : '✗'}`, thumb)}
                  </Text>
                  <Text dimColor>{fit(p.source.replace(/^.* test /, 'test '), thumb)}</Text>
                </Box>
              ))}
            </Box>
          ))
        : null}
      <Box flexDirection="column" marginTop={1}>
        {formatTable(COLUMNS, predictRows(r)).map((l, i) => (
          <Text key={i} bold={i === 0} wrap="truncate">
            {l}
          </Text>
        ))}
      </Box>
    </Box>
  );
}
