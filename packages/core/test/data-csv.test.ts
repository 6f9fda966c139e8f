import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCsv } from '../src/data/index.node.js';

const dir = mkdtempSync(join(tmpdir(), 'svm-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function csv(text: string, name = `f${counter++}.csv`): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const f32 = (xs: number[][]): number[] => xs.flat().map(Math.fround);

describe('loadCsv', () => {
  it('header, label by name, string labels mapped in sorted order', async () => {
    const path = csv('sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n6.3,6.0,virginica\n4.9,1.5,setosa\n');
    const d = await loadCsv(path, { label: 'species' });
    expect(d.X.shape).toEqual([4, 2]);
    expect(d.X.dtype).toBe('float32');
    expect(Array.from(d.X.data)).toEqual(f32([[5.1, 1.4], [7, 4.7], [6.3, 6], [4.9, 1.5]]));
    expect(Array.from(d.y)).toEqual([0, 1, 2, 0]);
    expect(d.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(d.imageShape).toBeUndefined();
  });

  it('label by index (negative from the end), header auto-detected both ways, features unscaled', async () => {
    const withHeader = await loadCsv(csv('label,a,b\n1,100,-2.5e3\n0,3,4\n'), { label: 0 });
    expect(Array.from(withHeader.X.data)).toEqual(f32([[100, -2500], [3, 4]]));
    expect(Array.from(withHeader.y)).toEqual([1, 0]);
    expect(withHeader.classNames).toEqual(['0', '1']);
    const noHeader = await loadCsv(csv('1,2,cat\n3,4,dog\n5,6,cat\n'), { label: -1 });
    expect(noHeader.X.rows).toBe(3);
    expect(Array.from(noHeader.y)).toEqual([0, 1, 0]);
    expect(noHeader.classNames).toEqual(['cat', 'dog']);
  });

  it('header: true / false override the detection', async () => {
    const path = csv('0,1,2\n5,6,1\n7,8,0\n');
    expect((await loadCsv(path, { label: 2, header: true })).X.rows).toBe(2);
    expect((await loadCsv(path, { label: 2, header: false })).X.rows).toBe(3);
    expect((await loadCsv(path, { label: 2 })).X.rows).toBe(3); // all numbers: no header
  });

  it('integer labels 0..K-1 are used as is; other numbers are mapped in numeric order', async () => {
    const asIs = await loadCsv(csv('x,y\n1,2\n2,0\n3,1\n4,2\n'), { label: 'y' });
    expect(Array.from(asIs.y)).toEqual([2, 0, 1, 2]);
    expect(asIs.classNames).toEqual(['0', '1', '2']);
    const gappy = await loadCsv(csv('x,y\n1,10\n2,-1\n3,2\n4,10\n'), { label: 'y' });
    expect(Array.from(gappy.y)).toEqual([2, 0, 1, 2]);
    expect(gappy.classNames).toEqual(['-1', '2', '10']);
  });

  it('classNames given: labels match by name, or are indices', async () => {
    const byName = await loadCsv(csv('x,y\n1,dog\n2,cat\n'), { label: 'y', classNames: ['cat', 'dog', 'bird'] });
    expect(Array.from(byName.y)).toEqual([1, 0]);
    expect(byName.classNames).toEqual(['cat', 'dog', 'bird']);
    const byIndex = await loadCsv(csv('x,y\n1,2\n2,0\n'), { label: 'y', classNames: ['cat', 'dog', 'bird'] });
    expect(Array.from(byIndex.y)).toEqual([2, 0]);
    await expect(loadCsv(csv('x,y\n1,dog\n2,cow\n'), { label: 'y', classNames: ['cat', 'dog'] })).rejects.toThrow(
      /line 3: label "cow" is neither one of classNames \("cat", "dog"\) nor a class index in \[0, 2\)/,
    );
    await expect(loadCsv(csv('x,y\n1,dog\n2,0\n'), { label: 'y', classNames: ['cat', 'dog'] })).rejects.toThrow(
      /line 3: label "0" is inconsistent with earlier labels/,
    );
  });

  it('quoting, CRLF, BOM, blank lines, spaces, another delimiter, limit, name', async () => {
    const d = await loadCsv(csv('\uFEFF"a";"b c";"label"\r\n 1 ; 2 ;"x;y"\r\n\r\n3;4;z\r\n5;6;z\r\n'), {
      label: 'label',
      delimiter: ';',
      limit: 2,
      name: 'tiny',
    });
    expect(Array.from(d.X.data)).toEqual([1, 2, 3, 4]);
    expect(d.classNames).toEqual(['x;y', 'z']);
    expect(d.name).toBe('tiny');
    const tsv = await loadCsv(csv('a\tb\n1\t0\n2\t1\n'), { label: 'b', delimiter: '\t' });
    expect(Array.from(tsv.X.data)).toEqual([1, 2]);
  });

  it('many rows (the buffer grows)', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},${i * 0.5},${i % 3}`);
    const d = await loadCsv(csv(`a,b,c\n${rows.join('\n')}\n`), { label: 'c' });
    expect(d.X.shape).toEqual([5000, 2]);
    expect(d.X.get(4999, 1)).toBe(Math.fround(4999 * 0.5));
    expect(d.y[4999]).toBe(4999 % 3);
  });
});

describe('loadCsv: bad input is a clear error naming the file, line and column', () => {
  it('missing file', async () => {
    await expect(loadCsv(join(dir, 'missing.csv'), { label: 0 })).rejects.toThrow(/loadCsv: CSV file not found: .*missing\.csv/);
  });

  it('empty file, only blank lines, header without data', async () => {
    await expect(loadCsv(csv(''), { label: 0 })).rejects.toThrow(/\.csv: is empty/);
    await expect(loadCsv(csv('\n\n  \n'), { label: 0 })).rejects.toThrow(/holds no rows/);
    await expect(loadCsv(csv('a,b\n'), { label: 'b' })).rejects.toThrow(/has a header \(line 1\) but no data rows/);
  });

  it('a directory', async () => {
    await expect(loadCsv(dir, { label: 0 })).rejects.toThrow(/is a directory/);
  });

  it('ragged rows name the line', async () => {
    await expect(loadCsv(csv('a,b,c\n1,2,0\n3,4\n5,6,1\n'), { label: 'c' })).rejects.toThrow(
      /\.csv: line 3 has 2 field\(s\) but line 1 has 3; expected the same number on every row/,
    );
    await expect(loadCsv(csv('1,2,0\n3,4,1,9\n'), { label: -1 })).rejects.toThrow(/line 2 has 4 field\(s\) but line 1 has 3/);
  });

  it('non-numeric features name line and column', async () => {
    await expect(loadCsv(csv('a,b,c\n1,2,0\n3,abc,1\n'), { label: 'c' })).rejects.toThrow(
      /\.csv: line 3, column 2 \("b"\): expected a number \(float32 range\) but found "abc"/,
    );
    await expect(loadCsv(csv('1,2,0\n3,,1\n'), { label: 2 })).rejects.toThrow(/line 2, column 2: expected a number .* but found ""/);
    await expect(loadCsv(csv('a,b\nNA,1\n'), { label: 'b', header: true })).rejects.toThrow(/line 2, column 1 \("a"\).*found "NA"/);
    await expect(loadCsv(csv('a,b\n1e39,1\n'), { label: 'b' })).rejects.toThrow(/float32 range.*"1e39"/);
    await expect(loadCsv(csv('a,b\n0x1f,1\n'), { label: 'b' })).rejects.toThrow(/"0x1f"/);
  });

  it('missing label column', async () => {
    await expect(loadCsv(csv('a,b,c\n1,2,3\n'), { label: 'species' })).rejects.toThrow(
      /has no label column "species"; the header on line 1 names: "a", "b", "c"/,
    );
    await expect(loadCsv(csv('1,2,3\n'), { label: 3 })).rejects.toThrow(/has no label column 3: line 1 has 3 columns/);
    await expect(loadCsv(csv('1,2,3\n'), { label: 'x', header: false })).rejects.toThrow(/given by name, but header is false/);
    await expect(loadCsv(csv('a\n1\n'), { label: 'a' })).rejects.toThrow(/has only the label column/);
  });

  it('an empty label names the line', async () => {
    await expect(loadCsv(csv('a,b\n1,x\n2,\n'), { label: 'b' })).rejects.toThrow(/line 3: the label \(column 2\) is empty/);
  });

  it('malformed CSV (unclosed quote) is reported with the parser’s line', async () => {
    await expect(loadCsv(csv('a,b\n1,"x\n2,y\n'), { label: 'b' })).rejects.toThrow(/\.csv: is not valid CSV: Quote Not Closed.*line/);
  });

  it('bad options', async () => {
    const path = csv('a,b\n1,0\n');
    await expect(loadCsv(path, undefined as never)).rejects.toThrow(/loadCsv: expected an object with a 'label' column/);
    await expect(loadCsv(path, { label: 1.5 })).rejects.toThrow(/for label but received 1.5/);
    await expect(loadCsv(path, { label: 'b', delimiter: '' })).rejects.toThrow(/delimiter/);
    await expect(loadCsv(path, { label: 'b', header: 'yes' as never })).rejects.toThrow(/a boolean for header/);
  });
});
