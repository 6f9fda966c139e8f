/**
 * The --json printer: one JSON object per line, each with a `type`. Non-finite numbers become null
 * (JSON has no NaN), typed arrays become arrays.
 */
export type JsonEvent = { type: string } & Record<string, unknown>;

function replacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

export function jsonLine(event: JsonEvent): string {
  return JSON.stringify(event, replacer);
}

export type Writer = (line: string) => void;

/** Writes lines to a stream (stdout by default). */
export function streamWriter(stream: NodeJS.WritableStream = process.stdout): Writer {
  return (line) => {
    stream.write(`${line}\n`);
  };
}

export function jsonPrinter(write: Writer = streamWriter()): (event: JsonEvent) => void {
  return (event) => write(jsonLine(event));
}
