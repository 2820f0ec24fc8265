import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Page } from '../../components/page';
import { EmptyState, ErrorState, QueryView, Spinner } from '../../components/states';
import { api, call } from '../../lib/api/client';
import { isApiError } from '../../lib/api/errors';
import { useBalance } from '../../lib/use-session';
import { formatDate, formatPrice, useTransactions } from './credits-api';

type Choice = { pack: 'credits_10' | 'credits_30' | 'credits_100' } | { plan: 'starter' | 'unlimited' };

/** Buy: the server opens a Stripe Checkout session and the browser goes there; Stripe sends the student back. */
function useCheckout() {
  const [key] = useState(() => crypto.randomUUID());
  return useMutation({
    mutationFn: (choice: Choice) =>
      call(
        api.POST('/api/credits/purchase', {
          body: choice,
          // One key per visit and choice: a double click opens the same Checkout session, not two.
          params: { header: { 'idempotency-key': `${key}-${'pack' in choice ? choice.pack : choice.plan}` } },
        }),
      ),
    onSuccess: ({ checkoutUrl }) => window.location.assign(checkoutUrl),
  });
}

const choiceKey = (choice: Choice) => ('pack' in choice ? choice.pack : choice.plan);

/**
 * Why a purchase did not start, shown in the card whose button was pressed: on a phone the cards stack, and a notice
 * below them all was ~1600 px down, so the tap looked like it did nothing.
 */
function CheckoutError({ error }: { error: unknown }) {
  return isApiError(error, 503) ? (
    <p className="notice notice--warning" role="alert">
      Payments are not set up on this server yet. Your credits are still yours to spend.
    </p>
  ) : (
    <ErrorState error={error} />
  );
}

function Catalogue() {
  const catalog = useQuery({
    queryKey: ['credits', 'catalog'],
    queryFn: () => call(api.GET('/api/credits/catalog')),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const checkout = useCheckout();
  const pending = checkout.isPending || checkout.isSuccess;
  const failed = (choice: Choice) =>
    checkout.error && checkout.variables && choiceKey(checkout.variables) === choiceKey(choice) ? (
      <CheckoutError error={checkout.error} />
    ) : null;
  return (
    <section className="stack" aria-labelledby="buy-heading">
      <h2 id="buy-heading">Buy credits</h2>
      <QueryView query={catalog} label="Loading prices">
        {({ packs, plans }) => (
          <>
            <ul className="grid plain-list">
              {packs.map((pack) => (
                <li key={pack.id} className="card stack offer">
                  <h3>{pack.name}</h3>
                  <p className="offer__price">{formatPrice(pack.price, pack.currency)}</p>
                  <p className="small muted">
                    {pack.credits} credits, once. {formatPrice(Math.round(pack.price / pack.credits), pack.currency)}{' '}
                    per credit.
                  </p>
                  <button
                    type="button"
                    className="button"
                    disabled={pending}
                    onClick={() => checkout.mutate({ pack: pack.id as 'credits_10' | 'credits_30' | 'credits_100' })}
                  >
                    Buy {pack.credits} credits
                  </button>
                  {failed({ pack: pack.id as 'credits_10' | 'credits_30' | 'credits_100' })}
                </li>
              ))}
              {plans.map((plan) => (
                <li key={plan.id} className="card stack offer">
                  <h3>{plan.name}</h3>
                  <p className="offer__price">
                    {formatPrice(plan.price, plan.currency)} <span className="small muted">/ {plan.interval}</span>
                  </p>
                  <p className="small muted">
                    {plan.unlimited
                      ? 'Everything unlocked while subscribed.'
                      : `${plan.monthlyCredits} credits every month.`}
                  </p>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={pending}
                    onClick={() => checkout.mutate({ plan: plan.id })}
                  >
                    Subscribe to {plan.name}
                  </button>
                  {failed({ plan: plan.id })}
                </li>
              ))}
            </ul>
            {checkout.isSuccess ? <Spinner label="Opening Stripe Checkout" /> : null}
          </>
        )}
      </QueryView>
    </section>
  );
}

export function Transactions() {
  const list = useTransactions();
  const rows = list.data?.pages.flatMap((p) => p.transactions) ?? [];
  return (
    <section className="card stack" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? <Spinner label="Loading your history" /> : null}
      {!list.isPending && rows.length === 0 ? <EmptyState>No credit changes yet.</EmptyState> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col" className="num">
                  Credits
                </th>
                <th scope="col" className="num">
                  Balance
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.id}>
                  <td>{formatDate(t.createdAt)}</td>
                  <td>{t.description ?? t.type}</td>
                  <td className={`num ${t.amount > 0 ? 'gain' : ''}`}>{t.amount > 0 ? `+${t.amount}` : t.amount}</td>
                  <td className="num">{t.balanceAfter}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.hasNextPage ? (
        <div>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
          >
            {list.isFetchingNextPage ? 'Loading…' : 'Show older'}
          </button>
        </div>
      ) : null}
    </section>
  );
}

export default function CreditsPage() {
  const balance = useBalance();
  return (
    <Page title="Credits" intro="Credits unlock analyses, practice questions, solutions and midterms.">
      <div className="stack">
        <QueryView query={balance} label="Loading your balance">
          {(b) => (
            <section className="card balance-card" aria-label="Your balance">
              <p className="balance-card__number">{b.plan === 'unlimited' ? 'Unlimited' : b.credits}</p>
              <p className="muted">
                {b.plan === 'unlimited'
                  ? 'Your plan includes everything.'
                  : `credits${b.monthlyCredits > 0 ? ` · ${b.monthlyCredits} more each month on the ${b.plan} plan` : ''}`}
                {b.creditsResetAt ? ` · next top-up ${formatDate(b.creditsResetAt)}` : ''}
              </p>
            </section>
          )}
        </QueryView>
        <Catalogue />
        <Transactions />
      </div>
    </Page>
  );
}
