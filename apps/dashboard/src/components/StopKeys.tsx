/**
 * Keys for a view whose only control is stopping (search, race): q, Esc and Ctrl-C stop it, and
 * every other key is swallowed — without this the terminal would echo typing into the picture and
 * hand it to the shell when the command ends.
 */
import { useInput, type Key } from 'ink';
import { keysAvailable } from '../ink/mount.js';

/**
 * Whether a key event asks to stop: q, Esc or Ctrl-C — also among characters typed while the
 * process was busy, which arrive together as one string ("qq", "\x03\x03").
 */
export function stopPressed(input: string, key: Key): boolean {
  return key.escape || (key.ctrl && input === 'c') || [...input].some((ch) => ch === 'q' || ch === '\x03' || ch === '\x1b');
}

export function StopKeys({ onStop, isActive = keysAvailable(process.stdin) }: { onStop: () => void; isActive?: boolean }) {
  useInput(
    (input, key) => {
      if (stopPressed(input, key)) onStop();
    },
    { isActive },
  );
  return null;
}
