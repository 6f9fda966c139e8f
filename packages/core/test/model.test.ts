import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LinearClassifier, makeBlobs, Matrix, MODEL_FORMAT, split, type Dataset } from '../src/index.js';
import { checksum, toBase64 } from '../src/model/encoding.js';
import { modelChecksum } from '../src/model/model-file.js';

const dir = mkdtempSync(join(tmpdir(), 'svm-model-'));

describe('LinearClassifier', () => {
  let train: Dataset;
  let test: Dataset;
  let model: LinearClassifier;
  beforeAll(async () => {
    // Blobs far apart, shifted off the origin so centering matters.
    const data = makeBlobs({ n: 600, classes: 3, spread: 0.3, seed: 2 });
    for (let i = 0; i < data.X.size; i++) data.X.data[i] = data.X.data[i]! + 10;
    ({ train, test } = split(data, { test: 150, seed: 1 }));
    model = new LinearClassifier({ classNames: ['a', 'b', 'c'], imageShape: [1, 2] });
    await model.fit(train.X, train.y, { learningRate: 0.05, iterations: 300, seed: 1 });
  });

  it('fits raw data: learns the mean, appends the bias, predicts and scores', () => {
    expect(model.W!.shape).toEqual([3, 3]); // 2 features + bias row
    expect(Array.from(model.preprocessing!.mean!).every((m) => m > 8)).toBe(true);
    expect(model.accuracy(test.X, test.y)).toBe(1);
    const s = model.scores(test.X);
    const p = model.predict(test.X);
    for (let i = 0; i < 5; i++) {
      const row = Array.from(s.row(i));
      expect(p[i]).toBe(row.indexOf(Math.max(...row)));
    }
  });

  it('confusion matrix, per-class accuracy, templates', async () => {
    const cm = model.confusionMatrix(test.X, test.y);
    expect(cm).toHaveLength(3);
    expect(cm.flat().reduce((a, b) => a + b, 0)).toBe(150);
    for (let c = 0; c < 3; c++) expect(cm[c]![c]).toBe(cm[c]!.reduce((a, b) => a + b, 0));
    expect(model.perClassAccuracy(test.X, test.y)).toEqual([1, 1, 1]);
    const t = model.templates();
    expect(t.map((x) => x.className)).toEqual(['a', 'b', 'c']);
    expect(t[0]!.shape).toEqual([1, 2]);
    const all = t.flatMap((x) => Array.from(x.pixels));
    expect(Math.min(...all)).toBe(0);
    expect(Math.max(...all)).toBe(1);
    expect(await model.predictAsync(test.X)).toEqual(model.predict(test.X));
  });

  it('saves and loads: the loaded model predicts on raw inputs exactly as before', async () => {
    const path = join(dir, 'model.json');
    await model.save(path);
    const loaded = await LinearClassifier.load(path);
    expect(Array.from(loaded.W!.data)).toEqual(Array.from(model.W!.data));
    expect(loaded.predict(test.X)).toEqual(model.predict(test.X));
    expect(Array.from(loaded.scores(test.X).data)).toEqual(Array.from(model.scores(test.X).data));
    expect(loaded.classNames).toEqual(['a', 'b', 'c']);
    expect(loaded.imageShape).toEqual([1, 2]);
    expect(loaded.loss).toBe('svm');
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    expect(doc.format).toBe(MODEL_FORMAT);
    expect(doc.version).toBe(2);
    expect(doc.dtype).toBe('float32');
    expect(doc.shape).toEqual([3, 3]);
    expect(doc.training.steps).toBe(300);
  });

  it('saves mid-fit: the weights reached so far, with this fit’s preprocessing', async () => {
    const m = new LinearClassifier({ classNames: ['a', 'b', 'c'] });
    const run = m.startFit(train.X, train.y, { learningRate: 0.05, iterations: 100_000, progressIntervalMs: 5 });
    const path = join(dir, 'mid.json');
    let saved = false;
    for await (const e of run) {
      if (!saved && e.step >= 200) {
        const info = await m.save(path); // the run keeps going while it saves
        expect(info.inProgress).toBe(true);
        expect(info.step).toBeGreaterThanOrEqual(200);
        saved = true;
        run.abort();
      }
    }
    await run.result;
    const mid = await LinearClassifier.load(path);
    expect(mid.training!.inProgress).toBe(true);
    expect(mid.training!.steps as number).toBeGreaterThanOrEqual(200);
    expect(mid.accuracy(test.X, test.y)).toBeGreaterThan(0.9);
    expect(m.W).toBeDefined(); // the aborted fit still hands over its weights
  });

  it('keeps the old file when a save fails, and leaves no temporary files', async () => {
    const path = join(dir, 'keep.json');
    await model.save(path);
    const before = readFileSync(path, 'utf8');
    await expect(new LinearClassifier().save(path)).rejects.toThrow(/not trained yet/);
    const target = join(dir, 'a-directory');
    mkdirSync(target);
    await expect(model.save(target)).rejects.toThrow(`cannot save the model to ${target}: it is a directory; expected a file path`);
    await expect(model.save(join(dir, 'missing', 'm.json'))).rejects.toThrow(/does not exist/);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('two saves of one process at once each write whole (their temporary files are distinct)', async () => {
    const path = join(dir, 'twice.json');
    await Promise.all([model.save(path), model.save(path), model.save(path)]);
    expect((await LinearClassifier.load(path)).predict(test.X)).toEqual(model.predict(test.X));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces only regular files: a symbolic link keeps pointing at the saved model; a FIFO is refused', async () => {
    const real = join(dir, 'real.json');
    writeFileSync(real, 'old');
    const link = join(dir, 'link.json');
    symlinkSync(real, link);
    await model.save(link);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect((await LinearClassifier.load(real)).predict(test.X)).toEqual(model.predict(test.X));
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(model.save(fifo)).rejects.toThrow(`cannot save the model to ${fifo}: it is not a regular file (a device, pipe or socket); expected a file path`);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    symlinkSync(join(dir, 'nowhere.json'), join(dir, 'dangling.json'));
    await expect(model.save(join(dir, 'dangling.json'))).rejects.toThrow(/it is a symbolic link to a missing file/);
    await expect(model.save('/proc/svm-model.json')).rejects.toThrow(/no file can be created in \/proc/);
    await expect(model.save(join(real, 'm.json'))).rejects.toThrow(`cannot save the model to ${join(real, 'm.json')}: a parent of it is not a directory`);
  });

  it('loading a missing, empty, truncated, foreign, future or damaged file is a clear error', async () => {
    const good = JSON.stringify(model.toJSON());
    const write = (name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    };
    await expect(LinearClassifier.load(join(dir, 'nope.json'))).rejects.toThrow(/model file not found: .*nope.json/);
    await expect(LinearClassifier.load(write('empty.json', ''))).rejects.toThrow(/empty.json: not a model file \(not valid JSON; the file is empty\)/);
    await expect(LinearClassifier.load(write('cut.json', good.slice(0, good.length / 2)))).rejects.toThrow(/cut.json: not a model file \(not valid JSON\)/);
    await expect(LinearClassifier.load(write('foreign.json', '{"hello": 1}'))).rejects.toThrow(/foreign.json: not a svm-linear-classifier file/);
    const future = JSON.parse(good);
    future.version = 99;
    await expect(LinearClassifier.load(write('future.json', JSON.stringify(future)))).rejects.toThrow(/version 99 is not supported \(this library reads versions 1 and 2\)/);
    const damaged = JSON.parse(good);
    damaged.weights = (damaged.weights[0] === 'A' ? 'B' : 'A') + damaged.weights.slice(1);
    await expect(LinearClassifier.load(write('damaged.json', JSON.stringify(damaged)))).rejects.toThrow(/checksum mismatch/);
    const shortW = JSON.parse(good);
    shortW.weights = shortW.weights.slice(0, 8);
    await expect(LinearClassifier.load(write('short.json', JSON.stringify(shortW)))).rejects.toThrow(/weights are damaged/);
    await expect(LinearClassifier.load(dir)).rejects.toThrow(/is a directory/);
    // NaN weights with a checksum that matches them: the numbers are as written, but unusable.
    const nan = JSON.parse(good);
    const W = model.W!.clone();
    W.data[4] = Number.NaN;
    nan.weights = toBase64(W.data);
    nan.checksum = modelChecksum(2, W, model.preprocessing!);
    await expect(LinearClassifier.load(write('nan.json', JSON.stringify(nan)))).rejects.toThrow(/nan.json: weights contain NaN at row 1, column 1; expected finite numbers/);

    // Version 2's checksum covers the layout: the mean moved into std no longer passes as intact.
    const moved = JSON.parse(good);
    [moved.preprocess.std, moved.preprocess.mean] = [moved.preprocess.mean, null];
    await expect(LinearClassifier.load(write('moved.json', JSON.stringify(moved)))).rejects.toThrow(/moved.json: checksum mismatch/);
    // …which version 1 did not see (its checksum is over the bytes alone), and version 1 files still load.
    const v1 = { ...JSON.parse(good), version: 1 };
    v1.checksum = checksum(model.W!.data, model.preprocessing!.mean!);
    expect((await LinearClassifier.load(write('v1.json', JSON.stringify(v1)))).predict(test.X)).toEqual(model.predict(test.X));
  });

  it('rejects bad use clearly', async () => {
    expect(() => new LinearClassifier().predict(test.X)).toThrow(/not trained yet/);
    expect(() => model.predict(Matrix.zeros(2, 5))).toThrow(/X has 5 columns but the model expects 2 raw features/);
    expect(() => new LinearClassifier({ loss: 'hinge' as never })).toThrow(/loss/);
    await expect(model.fit(train.X, train.y, { loss: 'softmax' } as never)).rejects.toThrow(/set by the classifier/);
  });

  it('checks X for NaN/Inf before preprocessing, naming the row', async () => {
    const X = test.X.clone();
    X.data[2 * 2 + 1] = Number.NaN;
    expect(() => model.predict(X)).toThrow(/LinearClassifier.predict: X contains NaN at row 2, column 1; expected finite numbers/);
    expect(() => model.scores(X)).toThrow(/LinearClassifier.scores: X contains NaN at row 2/);
    await expect(model.predictAsync(X)).rejects.toThrow(/X contains NaN at row 2/);
    const Xt = train.X.clone();
    Xt.data[5 * 2] = Number.POSITIVE_INFINITY;
    // Centering used to spread the value over the column, so the message said row 0.
    await expect(new LinearClassifier().fit(Xt, train.y, { iterations: 1 })).rejects.toThrow(/LinearClassifier.fit: X contains Infinity at row 5, column 0/);
  });

  it('validates imageShape when constructed and against the features when fitted', async () => {
    expect(() => new LinearClassifier({ imageShape: 'abc' as never })).toThrow(/LinearClassifier: expected an array of positive integers .* for imageShape but received "abc"/);
    expect(() => new LinearClassifier({ imageShape: [2, 1.5, 2] })).toThrow(/for imageShape but received an array of length 3/);
    await expect(new LinearClassifier({ imageShape: [2, 2] }).fit(train.X, train.y, { iterations: 1 })).rejects.toThrow(
      /LinearClassifier.fit: imageShape \[2, 2\] holds 4 values but X has 2 columns/,
    );
  });

  it('fromWeights validates the preprocessing and the metadata', () => {
    const W = model.W!;
    const stats = model.preprocessing!;
    expect(() => LinearClassifier.fromWeights(W, undefined as never, { loss: 'svm' })).toThrow(
      /LinearClassifier.fromWeights: expected PreprocessStats .* for preprocess but received undefined/,
    );
    expect(() => LinearClassifier.fromWeights(W, { ...stats, bias: 'yes' } as never, { loss: 'svm' })).toThrow(/expected a boolean for preprocess.bias/);
    expect(LinearClassifier.fromWeights(W, stats, undefined as never).loss).toBe('svm');
    expect(() => LinearClassifier.fromWeights(W, stats, 'svm' as never)).toThrow(/fromWeights: expected an object for options/);
    expect(() => LinearClassifier.fromWeights(W, stats, { loss: 'hinge' as never })).toThrow(/fromWeights: expected one of 'svm', 'softmax' for loss/);
    expect(() => LinearClassifier.fromWeights(W, stats, { loss: 'svm', imageShape: [3, 3] })).toThrow(/imageShape \[3, 3\] holds 9 values but the preprocessing takes 2 raw features/);
  });
});
