/**
 * Keyboard focus that survives a control being disabled: pressing Start disables it as the run
 * starts, and Stop disables itself as the run ends; the browser then drops focus to <body>, and a
 * keyboard user must tab from the top of the page again. Here focus moves instead to the first
 * enabled button of the same group, as soon as there is one.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function useFocusRescue(group: RefObject<HTMLElement>): void {
  const last = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const el = group.current;
    if (!el) return;
    const remember = (e: FocusEvent) => (last.current = e.target as HTMLElement);
    el.addEventListener('focusin', remember);
    return () => el.removeEventListener('focusin', remember);
  }, [group]);
  // After every render: the buttons' states follow the run's phase, which any render may change.
  useEffect(() => {
    const el = group.current;
    const was = last.current as HTMLButtonElement | null;
    const active = document.activeElement;
    if (!el || !was?.disabled || (active && active !== document.body && active !== was)) return;
    el.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
  });
}
