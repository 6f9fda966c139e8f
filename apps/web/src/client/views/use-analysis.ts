/**
 * Runs one analysis request at a time for a view: the newest request wins (an older answer
 * arriving late is dropped), a 400 naming a field lands under that field.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FieldSpecs } from '../../shared/fields.js';
import { ApiRequestError, postJson } from '../api.js';
import type { Settings } from '../url-state.js';

export function useAnalysis<S extends FieldSpecs, R>(url: string, settings: Settings<S>) {
  const [result, setResult] = useState<R>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const latest = useRef<AbortController>();
  // Leaving the view drops its request (the server finishes a bounded computation either way).
  useEffect(() => () => latest.current?.abort(), []);

  const run = async (values: object) => {
    latest.current?.abort();
    const controller = new AbortController();
    latest.current = controller;
    setBusy(true);
    setError(undefined);
    try {
      const r = await postJson<R>(url, values, controller.signal);
      if (latest.current === controller) setResult(r);
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      if (err instanceof ApiRequestError && err.field && err.field in settings.raw) settings.setError(err.field as keyof S & string, err.message);
      else setError((err as Error).message);
    } finally {
      if (latest.current === controller) setBusy(false);
    }
  };

  return { result, error, busy, run };
}
