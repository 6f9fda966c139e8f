/**
 * The address bar is the state: `?view=train&learningRate=0.1&seed=3` opens the Train view with
 * those settings, so a view can be shared and reproduced. Each view keeps its settings as the raw
 * text of its inputs (a shared link with a bad value shows the same inline error); only values
 * that differ from the defaults are written, with replaceState (no history entry per keystroke).
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { parseField, type FieldSpecs, type ValuesOf } from '../shared/fields.js';

export const VIEW_IDS = ['train', 'landscape', 'step-size', 'grad-check', 'race', 'playground'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

type Raw = Record<string, string>;

/** Each view's last settings while the page lives, so switching views and back keeps them. */
const remembered = new Map<ViewId, Raw>();

export function currentView(): ViewId {
  const v = new URLSearchParams(location.search).get('view');
  return (VIEW_IDS as readonly string[]).includes(v ?? '') ? (v as ViewId) : 'train';
}

function search(view: ViewId, raw: Raw, specs?: FieldSpecs): string {
  const params = new URLSearchParams({ view });
  for (const [name, value] of Object.entries(raw)) {
    if (specs && String(specs[name]?.default) === value) continue;
    params.set(name, value);
  }
  return `?${params}`;
}

/** Switches views: a new history entry carrying the view's remembered settings. */
export function navigate(view: ViewId): void {
  history.pushState(null, '', search(view, remembered.get(view) ?? {}));
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The current view; follows back/forward and navigate(). */
export function useView(): ViewId {
  const [view, setView] = useState(currentView);
  useEffect(() => {
    const onPop = () => setView(currentView());
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return view;
}

function initialRaw(view: ViewId, specs: FieldSpecs): Raw {
  const params = new URLSearchParams(location.search);
  // The URL is the state of the view it shows (an unknown view name shows Train, with the URL's
  // settings): a setting it leaves out is at its default, whatever was typed before — so Back
  // shows what its entry's address says. Only a view reached another way starts from memory.
  const fromUrl = currentView() === view;
  const raw: Raw = {};
  for (const [name, spec] of Object.entries(specs)) {
    raw[name] = (fromUrl ? params.get(name) : remembered.get(view)?.[name]) ?? String(spec.default);
  }
  return raw;
}

export interface Settings<S extends FieldSpecs> {
  /** The inputs' text. */
  raw: Record<keyof S & string, string>;
  /** What is wrong with each invalid field. */
  errors: Partial<Record<keyof S & string, string>>;
  /** All values, parsed — or undefined while any field is invalid. */
  values: ValuesOf<S> | undefined;
  set(name: keyof S & string, raw: string): void;
  /** Shows a message under a field (the server's 400 naming it). */
  setError(name: keyof S & string, message: string): void;
}

/** A view's settings, read from and written to the URL. */
export function useSettings<S extends FieldSpecs>(view: ViewId, specs: S): Settings<S> {
  const [raw, setRaw] = useState<Raw>(() => initialRaw(view, specs));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    remembered.set(view, raw);
    if (currentView() === view) history.replaceState(null, '', search(view, raw, specs));
  }, [raw, view, specs]);

  const { errors, values } = useMemo(() => {
    const errs: Record<string, string> = {};
    const vals: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(specs)) {
      const parsed = parseField(spec, raw[name] ?? '');
      if ('error' in parsed) errs[name] = parsed.error;
      else vals[name] = parsed.value;
    }
    const all = { ...errs, ...serverErrors };
    return { errors: all, values: Object.keys(all).length ? undefined : (vals as ValuesOf<S>) };
  }, [raw, specs, serverErrors]);

  // The server judges settings together (a batch larger than the dataset's rows, To below From):
  // any change may answer its objection, so every server error goes; the server says again if not.
  const set = useCallback((name: string, value: string) => {
    setRaw((r) => ({ ...r, [name]: value }));
    setServerErrors({});
  }, []);
  const setError = useCallback((name: string, message: string) => setServerErrors((e) => ({ ...e, [name]: message })), []);

  return { raw: raw as Settings<S>['raw'], errors: errors as Settings<S>['errors'], values, set, setError };
}
