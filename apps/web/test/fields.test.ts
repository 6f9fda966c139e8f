// The shared field specs: in step with the library, and the page's parser.
import { SCHEDULES as CORE_SCHEDULES, UPDATE_RULES, presets } from '@svm/core';
import { describe, expect, it } from 'vitest';
import { OPTIMIZERS, SCHEDULES, TRAIN_FIELDS, TRAIN_ROWS, WEB_DATASETS, defaultsOf, numberProblem, parseField, rowsFor } from '../src/shared/fields.js';
import { datasets } from './helpers.js';

describe('shared field specs', () => {
  it('list the optimizers and schedules the library knows', () => {
    expect([...OPTIMIZERS]).toEqual([...UPDATE_RULES]);
    expect([...SCHEDULES]).toEqual([...CORE_SCHEDULES]);
  });

  it('default to settings that suit the loaders’ [0, 1] pixels', () => {
    const d = defaultsOf(TRAIN_FIELDS);
    expect(d).toMatchObject({ dataset: 'mnist', loss: 'svm', optimizer: 'sgd', reg: presets.scaled.reg, batchSize: presets.scaled.batchSize });
  });
});

describe('training rows', () => {
  it("are the server's, for every dataset installed here", async () => {
    const available = new Set(datasets.list().filter((d) => d.available).map((d) => d.name));
    for (const name of WEB_DATASETS.filter((n) => available.has(n))) {
      expect([name, (await datasets.get(name)).X.train.rows]).toEqual([name, TRAIN_ROWS[name]]);
    }
  });

  it('cap what the page asks for', () => {
    expect(rowsFor('spirals', 1000)).toBe(420);
    expect(rowsFor('mnist', 10_000)).toBe(7000);
    expect(rowsFor('mnist', 500)).toBe(500);
  });
});

describe('parseField', () => {
  const lr = TRAIN_FIELDS.learningRate;
  it('accepts numbers in range, in any JS notation', () => {
    expect(parseField(lr, '0.05')).toEqual({ value: 0.05 });
    expect(parseField(lr, ' 1e-3 ')).toEqual({ value: 0.001 });
  });

  it('explains what is wrong, naming the field', () => {
    expect(parseField(lr, '-1')).toEqual({ error: 'Learning rate must be a number > 0 and ≤ 100' });
    expect(parseField(lr, '0')).toEqual({ error: 'Learning rate must be a number > 0 and ≤ 100' });
    expect(parseField(lr, 'abc')).toEqual({ error: 'Learning rate must be a number > 0 and ≤ 100; "abc" is not a number' });
    expect(parseField(lr, '')).toEqual({ error: 'Learning rate is required' });
    expect(parseField(TRAIN_FIELDS.iterations, '2.5')).toEqual({ error: 'Steps must be a whole number ≥ 1 and ≤ 100000' });
    expect(parseField(TRAIN_FIELDS.loss, 'hinge')).toEqual({ error: 'Loss must be one of svm, softmax' });
  });

  it('numberProblem rejects non-finite numbers', () => {
    expect(numberProblem(TRAIN_FIELDS.reg, Number.POSITIVE_INFINITY)).toMatch(/Regularization must be/);
    expect(numberProblem(TRAIN_FIELDS.reg, 0)).toBeUndefined();
  });
});
