import type { ReactNode } from 'react';
import { ConfirmDialog } from './confirm-dialog';

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

/** Asks before any spend, showing the price and the balance after (in the app's one confirmation dialog). */
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
  const after = offer && offer.balance !== undefined ? offer.balance - offer.price : undefined;
  const short = !offer?.unlimited && after !== undefined && after < 0;
  return (
    <ConfirmDialog
      open={offer !== null}
      title={offer ? `${offer.action}?` : ''}
      confirmLabel={offer?.price === 0 || offer?.unlimited ? 'Continue' : `Spend ${credits(offer?.price ?? 0)}`}
      busy={busy}
      confirmDisabled={short}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {offer ? (
        <>
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
              {/* Short, there is no balance after (it read "0 credits"): what is missing instead. */}
              {short ? (
                <div>
                  <dt>Still needed</dt>
                  <dd data-testid="spend-short">{credits(-after)} more</dd>
                </div>
              ) : (
                <div>
                  <dt>Balance after</dt>
                  <dd data-testid="spend-after">{after === undefined ? '…' : credits(after)}</dd>
                </div>
              )}
            </dl>
          )}
          {offer.note ? <p className="small muted">{offer.note}</p> : null}
          {short ? (
            <p className="notice notice--warning">
              You need {credits(-after)} more. <a href="/credits">Buy credits</a>
            </p>
          ) : null}
        </>
      ) : null}
    </ConfirmDialog>
  );
}
