/**
 * Keys for a view whose only control is stopping (search, race): q, Esc and Ctrl-C stop it, and
 * every other key is swallowed — without this the terminal would echo typing into the picture and
 * hand it to the shell when the command ends.
 */
import { useInput } from 'ink';
import { keysAvailable } from '../ink/mount.js';

export function StopKeys({ onStop, isActive = keysAvailable(process.stdin) }: { onStop: () => void; isActive?: boolean }) {
  useInput(
    (input, key) => {
      // Characters typed while the process was busy arrive together ("qq", "\x03\x03").
      if (key.escape || (key.ctrl && input === 'c') || [...input].some((ch) => ch === 'q' || ch === '\x03' || ch === '\x1b')) onStop();
    },
    { isActive },
  );
  return null;
}
