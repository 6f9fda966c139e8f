/**
 * The page: a header, one tab per view, and the view itself — each view is its own chunk, loaded
 * when first shown, so the first load carries only the shell and the view asked for.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { navigate, useView, type ViewId } from './url-state.js';

const VIEWS: Array<{ id: ViewId; title: string; load: () => Promise<{ default: ComponentType }> }> = [
  { id: 'train', title: 'Train', load: () => import('./views/train.js') },
  { id: 'landscape', title: 'Landscape', load: () => import('./views/landscape.js') },
  { id: 'step-size', title: 'Step size', load: () => import('./views/step-size.js') },
  { id: 'grad-check', title: 'Gradient check', load: () => import('./views/grad-check.js') },
  { id: 'race', title: 'Race', load: () => import('./views/race.js') },
  { id: 'playground', title: '2-D playground', load: () => import('./views/playground.js') },
];

const loaded = new Map<ViewId, ComponentType>();

function LazyView({ id }: { id: ViewId }) {
  const [View, setView] = useState<ComponentType | undefined>(() => loaded.get(id));
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (loaded.has(id)) {
      setView(() => loaded.get(id));
      return;
    }
    let current = true;
    setView(undefined);
    VIEWS.find((v) => v.id === id)!
      .load()
      .then((m) => {
        loaded.set(id, m.default);
        if (current) setView(() => m.default);
      })
      // The browser remembers a failed import of a URL: only a reload tries it again.
      .catch((err: Error) => current && setError(`could not load this view (${err.message}); reload the page once the server is back`));
    return () => {
      current = false;
    };
  }, [id]);
  if (error) {
    return (
      <p class="banner error">
        {error}{' '}
        <button type="button" onClick={() => location.reload()}>
          Reload
        </button>
      </p>
    );
  }
  return View ? <View /> : <p class="note">Loading…</p>;
}

export function App() {
  const view = useView();
  return (
    <>
      <header class="top">
        <h1>
          Optimization <span>— CS231n's lecture, live</span>
        </h1>
        <nav aria-label="views">
          {VIEWS.map((v) => (
            <a
              key={v.id}
              href={`?view=${v.id}`}
              data-testid={`tab-${v.id}`}
              aria-current={v.id === view ? 'page' : undefined}
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                e.preventDefault();
                if (v.id !== view) navigate(v.id);
              }}
            >
              {v.title}
            </a>
          ))}
        </nav>
      </header>
      <main>
        {/* key: a view's state starts fresh when it is shown again */}
        <LazyView key={view} id={view} />
      </main>
    </>
  );
}
