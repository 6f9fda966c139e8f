/**
 * `svm eval`: a saved model on a dataset split — accuracy, accuracy per class and the confusion
 * matrix (rows: true class, columns: predicted).
 */
import { Command, Option } from 'commander';
import type { LinearClassifier } from '@svm/core';
import { Box, Text } from 'ink';
import { applyBackend } from '../backend.js';
import { bar } from '../components/ProgressBar.js';
import { loadDataset, type LoadedData } from '../data/load.js';
import { UsageError } from '../errors.js';
import { count, fit, percent } from '../format.js';
import { loadModel, modelFeatures } from '../model/load-model.js';
import { addBackendOptions, addDatasetOptions, addOutputOptions, type BackendFlags, type DatasetFlags, type OutputFlags } from '../options/common.js';
import { outputMode } from '../output/mode.js';
import { present } from '../output/present.js';

interface EvalFlags extends DatasetFlags, OutputFlags, BackendFlags {
  split: 'test' | 'train';
}

export interface EvalResult {
  model: string;
  dataset: string;
  split: string;
  examples: number;
  accuracy: number;
  classNames: string[];
  perClass: number[];
  confusion: number[][];
}

export function evalCommand(): Command {
  const cmd = new Command('eval').description('evaluate a saved model on a dataset: accuracy, per-class accuracy, confusion matrix').argument('<model>', 'model file (from svm train --save)');
  addDatasetOptions(cmd);
  cmd.addOption(new Option('--split <name>', 'which split to evaluate on').choices(['test', 'train']).default('test'));
  addBackendOptions(cmd);
  addOutputOptions(cmd);
  cmd.action(async (modelPath: string, f: EvalFlags) => {
    applyBackend(f);
    await present(outputMode(f), evalPresentation(await runEval(modelPath, f)));
  });
  return cmd;
}

/** The dataset must have the features the model was trained on. */
export function checkCompatible(model: LinearClassifier, data: LoadedData, modelPath: string): void {
  const want = modelFeatures(model);
  const have = data.train.X.cols;
  if (want !== have) {
    const shape = model.imageShape ? ` (${model.imageShape.join('×')})` : '';
    throw new UsageError(`${modelPath} expects ${want} features${shape} but ${data.name} has ${have}: pick the dataset it was trained on with --dataset`);
  }
}

export async function runEval(modelPath: string, f: EvalFlags): Promise<EvalResult> {
  const model = await loadModel(modelPath);
  const data = await loadDataset(f);
  checkCompatible(model, data, modelPath);
  const split = f.split === 'train' ? data.train : data.test;
  return {
    model: modelPath,
    dataset: data.name,
    split: f.split,
    examples: split.X.rows,
    accuracy: model.accuracy(split.X, split.y),
    classNames: model.classNames,
    perClass: model.perClassAccuracy(split.X, split.y),
    confusion: model.confusionMatrix(split.X, split.y),
  };
}

function header(r: EvalResult): string {
  return `svm eval · ${r.model} on ${r.dataset} (${r.split}, ${count(r.examples)} examples)`;
}

/** Column widths of the confusion matrix: class-name column and count cells. */
function confusionLayout(r: EvalResult): { w: number; nameW: number } {
  return { w: Math.max(5, ...r.confusion.flat().map((v) => String(v).length + 1)), nameW: Math.min(12, Math.max(...r.classNames.map((n) => n.length)) + 1) };
}

export function confusionLines(r: EvalResult): string[] {
  const { w, nameW } = confusionLayout(r);
  return [
    `${''.padEnd(nameW + 1)}${r.classNames.map((n) => fit(n, w - 1, 'right').padStart(w)).join('')}`,
    ...r.confusion.map((row, i) => `${fit(r.classNames[i]!, nameW)} ${row.map((v) => String(v).padStart(w)).join('')}`),
  ];
}

export function perClassLines(r: EvalResult): string[] {
  const nameW = Math.min(12, Math.max(...r.classNames.map((n) => n.length)) + 1);
  return r.perClass.map((acc, i) => {
    const [full, empty] = bar(acc, 20);
    return `${fit(r.classNames[i]!, nameW)} ${full}${empty} ${percent(acc)}`;
  });
}

export function evalPresentation(r: EvalResult) {
  return {
    json: () => [
      {
        type: 'eval',
        model: r.model,
        dataset: r.dataset,
        split: r.split,
        examples: r.examples,
        accuracy: r.accuracy,
        perClass: r.perClass.map((accuracy, i) => ({ class: r.classNames[i], accuracy: Number.isFinite(accuracy) ? accuracy : null })),
        confusion: r.confusion,
      },
    ],
    plain: () => [header(r), '', `accuracy ${percent(r.accuracy)}`, '', 'accuracy per class', ...perClassLines(r), '', 'confusion matrix (rows: true class, columns: predicted)', ...confusionLines(r)],
    tty: () => <EvalView result={r} />,
  };
}

export function EvalView({ result: r }: { result: EvalResult }) {
  const conf = confusionLines(r);
  const max = Math.max(1, ...r.confusion.flatMap((row, i) => row.filter((_, j) => j !== i)));
  return (
    <Box flexDirection="column">
      <Text bold color="cyan" wrap="truncate">
        {header(r)}
      </Text>
      <Text bold color="green">
        accuracy {percent(r.accuracy)}
      </Text>
      <Box marginTop={1} flexDirection="row" columnGap={4} flexWrap="wrap">
        <Box flexDirection="column">
          <Text bold>accuracy per class</Text>
          {perClassLines(r).map((l) => (
            <Text key={l}>{l}</Text>
          ))}
        </Box>
        <Box flexDirection="column">
          <Text bold>confusion matrix (rows: true, columns: predicted)</Text>
          <Text dimColor>{conf[0]}</Text>
          {r.confusion.map((row, i) => {
            const { w, nameW } = confusionLayout(r);
            return (
              <Text key={i}>
                <Text dimColor>{conf[i + 1]!.slice(0, nameW + 1)}</Text>
                {row.map((v, j) => {
                  const cell = String(v).padStart(w);
                  if (i === j) return <Text key={j} color="green" bold>{cell}</Text>;
                  const t = v / max;
                  return (
                    <Text key={j} {...(v === 0 ? { dimColor: true } : t > 0.5 ? { color: 'red', bold: true } : t > 0.15 ? { color: 'red' } : { color: 'yellow' })}>
                      {cell}
                    </Text>
                  );
                })}
              </Text>
            );
          })}
        </Box>
      </Box>
    </Box>
  );
}
