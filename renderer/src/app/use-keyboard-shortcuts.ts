/**
 * Keyboard: Space runs or stops, ←/→ pan, ↑/↓ scroll rows, +/− zoom, 0 fits, F follows live.
 * Keys typed into a field, a list or a slider keep their usual meaning there, a focused chart
 * keeps the arrow keys, and a focused button keeps Space for itself.
 */
import { useEffect, useRef } from 'react';
import type { TimelineController } from '../timeline/timeline-controller.ts';

const KEEP_KEYS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export interface ShortcutActions {
  toggleRun: () => void;
  timeline: () => TimelineController | null;
}

export function useKeyboardShortcuts(actions: ShortcutActions): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (KEEP_KEYS.has(target.tagName) || target.isContentEditable)) return;
      // A focused chart (recharts' accessibility layer) walks its tooltip with the arrow keys.
      if (e.key.startsWith('Arrow') && target?.closest?.('[role="application"]')) return;
      const t = ref.current.timeline();
      const act = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      switch (e.key) {
        case ' ':
          if (target?.tagName === 'BUTTON' || target?.tagName === 'A') return;
          return act(ref.current.toggleRun);
        case 'ArrowLeft':
          return act(() => t?.panByFraction(-0.2));
        case 'ArrowRight':
          return act(() => t?.panByFraction(0.2));
        case 'ArrowUp':
          return act(() => t?.scrollRows(-54));
        case 'ArrowDown':
          return act(() => t?.scrollRows(54));
        case '+':
        case '=':
          return act(() => t?.zoom(1.5));
        case '-':
        case '_':
          return act(() => t?.zoom(1 / 1.5));
        case '0':
          return act(() => t?.fit());
        case 'f':
        case 'F':
          return act(() => t?.followLive());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
