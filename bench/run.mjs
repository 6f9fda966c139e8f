#!/usr/bin/env node
// `pnpm bench [suite…]`: runs the named suites (default: all) and prints markdown. Every figure is
// compared with a baseline measured in the same run, on the same machine, so the ratios hold even
// where the absolute times do not travel.
import { cpus, availableParallelism, totalmem } from 'node:os';
import addon from '@svm/native';
import { backendName, threads } from '@svm/core';
import { suites } from './suites/index.mjs';

const args = process.argv.slice(2).filter((a) => a !== '--');
if (args.includes('--help') || args.includes('-h') || args.includes('--list')) {
  console.log('usage: pnpm bench [suite…]   (default: all)\n\nsuites:');
  for (const [name, load] of Object.entries(suites)) console.log(`  ${name.padEnd(10)} ${(await load()).description}`);
  process.exit(0);
}
const unknown = args.filter((a) => !(a in suites));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; expected any of: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}
const chosen = args.length ? args : Object.keys(suites);

if (backendName() !== 'native') {
  console.error('the native backend did not load; build it with `pnpm --filter @svm/native build`');
  process.exit(1);
}
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`# svm-optimization benchmarks\n`);
console.log(
  `${cpu}, ${availableParallelism()} threads, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ` +
    `native kernels on ${threads()} thread(s); ${addon.blasInfo.trim()}\n`,
);
for (const name of chosen) {
  const t0 = performance.now();
  const suite = await suites[name]();
  console.log(await suite.run());
  console.log(`_${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s_\n`);
}
