/**
 * Plain-text tables for the non-TTY printers (and the README's captures): columns sized to their
 * widest cell, numbers right-aligned.
 */
export interface Column {
  header: string;
  align?: 'left' | 'right';
}

export function columnWidths(columns: Column[], rows: string[][]): number[] {
  return columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
}

/** Where column `index` starts in a formatted line. */
export function columnOffset(widths: number[], index: number, gap = 2): number {
  return widths.slice(0, index).reduce((a, w) => a + w + gap, 0);
}

export function formatTable(columns: Column[], rows: string[][], gap = 2): string[] {
  const widths = columnWidths(columns, rows);
  const pad = (text: string, i: number) => {
    const w = widths[i]!;
    return columns[i]!.align === 'left' ? text.padEnd(w) : text.padStart(w);
  };
  const sep = ' '.repeat(gap);
  const line = (cells: string[]) => cells.map((c, i) => pad(c, i)).join(sep).trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '─'.repeat(w))), ...rows.map((r) => line(r))];
}
