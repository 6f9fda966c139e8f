// Markdown output: every suite prints tables a reader can paste into an issue or a PR.

/** A markdown table; cells are converted with String(). */
export function table(headers, rows) {
  const line = (cells) => `| ${cells.map(String).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Milliseconds with sensible precision. */
export function ms(x) {
  if (x === undefined || Number.isNaN(x)) return '–';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}

/** A speed-up `baseline / ours` as "12.3×" (how many times faster ours is). */
export function ratio(baseline, ours) {
  if (!(baseline > 0) || !(ours > 0)) return '–';
  const r = baseline / ours;
  return `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}

/** Bytes as MB (10^6, like the rest of the figures). */
export function mb(bytes) {
  return `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)} MB`;
}
