// Test helper, shared with @svm/core's tests: how much of this process's memory the kernel has
// marked for transparent huge pages.
import { readFileSync } from 'node:fs';

/** Bytes of this process's mappings with VmFlags "hg" (madvised MADV_HUGEPAGE); undefined off Linux. */
export function advisedBytes() {
  let smaps;
  try {
    smaps = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return undefined;
  }
  let total = 0;
  let size = 0;
  for (const line of smaps.split('\n')) {
    const m = /^Size:\s+(\d+) kB/.exec(line);
    if (m) size = Number(m[1]) * 1024;
    else if (line.startsWith('VmFlags:') && line.split(/\s+/).includes('hg')) total += size;
  }
  return total;
}
