import { useEffect, useRef } from 'react';

/**
 * Keeps a keyboard user's place when the control they pressed is replaced by what it produced (Enrol → the
 * Enrolled badge, Unlock → the analysis): call `request()` when the action succeeds, and once `ready` is true (the
 * new content has rendered) focus moves to the element `ref` points at, instead of dropping to <body>. The target
 * needs `tabIndex={-1}` unless it is focusable already.
 */
export function useFocusAfter<T extends HTMLElement>(ready: boolean) {
  const ref = useRef<T>(null);
  const pending = useRef(false);
  useEffect(() => {
    if (!ready || !pending.current || !ref.current) return;
    pending.current = false;
    ref.current.focus();
  });
  return {
    ref,
    request: () => {
      pending.current = true;
    },
  };
}
