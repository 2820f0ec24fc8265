import { type ReactNode, useEffect, useId, useRef } from 'react';

export interface SpendOffer {
  /** What the student gets ("Unlock the exam-pattern analysis"). */
  action: string;
  /** Credits it costs (0: already theirs, nothing charged). */
  price: number;
  /** The balance now; undefined while loading. */
  balance: number | undefined;
  unlimited: boolean;
  note?: ReactNode;
}

const credits = (n: number) => `${n} ${n === 1 ? 'credit' : 'credits'}`;

/**
 * Asks before any spend, showing the price and the balance after: a modal <dialog> (focus moves in, Escape cancels,
 * focus returns to the button that opened it).
 */
export function ConfirmSpend({
  offer,
  onConfirm,
  onCancel,
  busy,
}: {
  offer: SpendOffer | null;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (offer && !element.open) element.showModal();
    if (!offer && element.open) element.close();
  }, [offer]);
  const after = offer && offer.balance !== undefined ? offer.balance - offer.price : undefined;
  const short = !offer?.unlimited && after !== undefined && after < 0;
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
      {offer ? (
        <div className="stack">
          <h2 id={`${id}-title`}>{offer.action}?</h2>
          {offer.unlimited ? (
            <p>Included in your unlimited plan.</p>
          ) : (
            <dl className="spend">
              <div>
                <dt>Price</dt>
                <dd data-testid="spend-price">{credits(offer.price)}</dd>
              </div>
              <div>
                <dt>Your balance now</dt>
                <dd>{offer.balance === undefined ? '…' : credits(offer.balance)}</dd>
              </div>
              <div>
                <dt>Balance after</dt>
                <dd data-testid="spend-after">{after === undefined ? '…' : credits(Math.max(after, 0))}</dd>
              </div>
            </dl>
          )}
          {offer.note ? <p className="small muted">{offer.note}</p> : null}
          {short ? (
            <p className="notice notice--warning">
              You need {credits(-after)} more. <a href="/credits">Buy credits</a>
            </p>
          ) : null}
          <div className="row">
            <button type="button" className="button" onClick={onConfirm} disabled={busy || short}>
              {busy ? 'Working…' : offer.price === 0 || offer.unlimited ? 'Continue' : `Spend ${credits(offer.price)}`}
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
