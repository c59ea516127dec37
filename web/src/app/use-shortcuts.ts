import { useEffect, useRef } from 'react';

export interface Shortcuts {
  /** Single keys, e.g. `n`, `l`, `?`. */
  keys: Record<string, () => void>;
  /** Second keys after `g`, e.g. `t` for `g t`. */
  go: Record<string, () => void>;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return target.getAttribute('role') === 'combobox';
}

/**
 * Global single-key shortcuts, quiet while typing and while a dialog is open, with
 * `g`-prefixed sequences (the second key must follow within 1.2 s).
 */
export function useShortcuts(shortcuts: Shortcuts) {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;

  useEffect(() => {
    let pendingG = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return;
      if (isTyping(e.target)) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const now = Date.now();
      if (pendingG && now - pendingG < 1200) {
        pendingG = 0;
        const go = ref.current.go[key];
        if (go) {
          e.preventDefault();
          go();
        }
        return;
      }
      if (key === 'g') {
        pendingG = now;
        return;
      }
      const run = ref.current.keys[e.key] ?? ref.current.keys[key];
      if (run) {
        e.preventDefault();
        run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
