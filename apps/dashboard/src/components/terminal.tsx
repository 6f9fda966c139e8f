/**
 * The terminal's size and colour depth, provided once at the root so every component lays itself
 * out from the same numbers (and tests can pick them).
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStdout } from 'ink';
import type { ColourDepth } from '../render/colour.js';

export interface TerminalInfo {
  columns: number;
  rows: number;
  colour: ColourDepth;
}

export const DEFAULT_TERMINAL: TerminalInfo = { columns: 100, rows: 40, colour: 'truecolor' };

const TerminalContext = createContext<TerminalInfo>(DEFAULT_TERMINAL);

export function useTerminal(): TerminalInfo {
  return useContext(TerminalContext);
}

/** Narrower than this, views switch to their compact layout. */
export const COMPACT_BELOW = 80;

/** Provides the terminal's live size (following resizes) and the given colour depth. */
export function TerminalProvider({ colour, fixed, children }: { colour: ColourDepth; fixed?: Partial<TerminalInfo>; children: ReactNode }) {
  const { stdout } = useStdout();
  const read = (): TerminalInfo => ({
    columns: fixed?.columns ?? (stdout.columns || DEFAULT_TERMINAL.columns),
    rows: fixed?.rows ?? (stdout.rows || DEFAULT_TERMINAL.rows),
    colour,
  });
  const [info, setInfo] = useState(read);
  useEffect(() => {
    const onResize = () => setInfo(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  });
  return <TerminalContext.Provider value={info}>{children}</TerminalContext.Provider>;
}

/** For tests and renderToString: a fixed terminal. */
export function FixedTerminal({ info, children }: { info: Partial<TerminalInfo>; children: ReactNode }) {
  return <TerminalContext.Provider value={{ ...DEFAULT_TERMINAL, ...info }}>{children}</TerminalContext.Provider>;
}
