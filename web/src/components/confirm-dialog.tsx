import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * Asks before an action that cannot be undone (submitting an exam, leaving a course): a modal <dialog>, as
 * ConfirmSpend is for spends (focus moves in, Escape cancels, focus returns to the button that opened it).
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busyLabel = 'Working…',
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  busyLabel?: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {open ? (
        <div className="stack">
          <h2 id={`${id}-title`}>{title}</h2>
          {children}
          <div className="row">
            <button type="button" className="button" onClick={onConfirm} disabled={busy}>
              {busy ? busyLabel : confirmLabel}
            </button>
            <button type="button" className="button button--secondary" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
