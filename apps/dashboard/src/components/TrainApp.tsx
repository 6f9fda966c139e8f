/**
 * The training view connected to a live session: it subscribes to the session's throttled store
 * (so it redraws at most ~10 times a second however fast steps come) and maps keys to controls.
 * Keys are handled the moment they arrive: the training loop runs off the JS thread, so the event
 * loop is free to read them.
 */
import { useSyncExternalStore } from 'react';
import { useInput } from 'ink';
import { stopPressed } from './StopKeys.js';
import { LR_STEP, type TrainingSession } from '../train/session.js';
import { TrainDashboard } from './TrainDashboard.js';

export function TrainApp({ session, keysActive }: { session: TrainingSession; keysActive: boolean }) {
  const state = useSyncExternalStore(session.store.subscribe, session.store.get);
  useInput(
    (input, key) => {
      // Keys typed while the process was busy arrive as one string ("++", "ss"): each character
      // is a key press of its own.
      for (const ch of input) {
        if (ch === 'p' || ch === ' ') void session.togglePause();
        else if (ch === '+' || ch === '=') session.scaleLearningRate(LR_STEP);
        else if (ch === '-' || ch === '_') session.scaleLearningRate(1 / LR_STEP);
        else if (ch === 's') void session.saveNow();
      }
      if (stopPressed(input, key)) session.stop();
    },
    { isActive: keysActive },
  );
  return <TrainDashboard state={state} keysActive={keysActive} />;
}
