// Timing helpers. Every figure the suites print is a median over several runs (the median shrugs off
// the odd run slowed by another process, which the mean would not); the minimum is kept alongside
// for readers who want the best case.

/** Median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs `fn` (sync or async) `warmup` times untimed, then `runs` times timed.
 * @returns {{ median: number, min: number, runs: number[] }} milliseconds per call
 */
export async function measure(fn, { runs = 7, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { median: median(times), min: Math.min(...times), runs: times };
}

/**
 * Per-call cost of a cheap synchronous `fn`: `rounds` batches of `calls` back-to-back calls, the
 * median batch divided by `calls` (a single call is too short for the clock).
 * @returns {{ median: number, min: number }} microseconds per call
 */
export function perCall(fn, { calls = 20000, rounds = 7 } = {}) {
  for (let i = 0; i < calls; i++) fn(); // warm the JIT and any caches
  const per = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) fn();
    per.push(((performance.now() - t0) * 1000) / calls);
  }
  return { median: median(per), min: Math.min(...per) };
}

/**
 * Times `a` and `b` in turns, `pairs` times (after one untimed call of each), so both see the same
 * spells of a shared machine's load; the ratio is the median of the pairs' b/a.
 * @returns {{ a: number, b: number, ratio: number }} median milliseconds per call, and median b/a
 */
export async function measurePair(a, b, { pairs = 7 } = {}) {
  await a();
  await b();
  const ta = [];
  const tb = [];
  const ratios = [];
  for (let i = 0; i < pairs; i++) {
    let t0 = performance.now();
    await a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    await b();
    tb.push(performance.now() - t0);
    ratios.push(tb[i] / ta[i]);
  }
  return { a: median(ta), b: median(tb), ratio: median(ratios) };
}
