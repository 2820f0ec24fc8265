import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * Asks before an action (a spend, submitting an exam, leaving a course, abandoning a project): a modal <dialog>
 * (focus moves in, Escape cancels, focus returns to the button that opened it). The app's one confirmation dialog.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busyLabel = 'Working…',
  busy,
  confirmDisabled,
  danger,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  busyLabel?: string;
  busy?: boolean;
  /** The action cannot go ahead (not enough credits): the reason is in the children. */
  confirmDisabled?: boolean;
  /** Styles the confirm button as destructive. */
  danger?: boolean;
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
            <button
              type="button"
              className={danger ? 'button button--danger' : 'button'}
              onClick={onConfirm}
              disabled={busy || confirmDisabled}
            >
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
