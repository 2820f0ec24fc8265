import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/page';
import { ErrorState, Spinner } from '../../components/states';
import { api, call } from '../../lib/api/client';
import { balanceKey } from '../../lib/query-client';
import { useBalance } from '../../lib/use-session';

const CHECK_EVERY_MS = 1500;
/** After this long without the webhook, say so plainly (the page keeps checking). */
const PATIENCE_MS = 45_000;

/**
 * Where Stripe sends the buyer back. Credits arrive with Stripe's webhook, usually a few seconds later: the page
 * watches the ledger for the grant from this Checkout session, then shows the new balance.
 */
export default function BillingSuccessPage() {
  const [params] = useSearchParams();
  const sessionId = params.get('session_id');
  const queryClient = useQueryClient();
  const balance = useBalance();
  const [late, setLate] = useState(false);
  const grant = useQuery({
    queryKey: ['credits', 'grant', sessionId],
    queryFn: async () => {
      const page = await call(api.GET('/api/credits/transactions', { params: { query: { limit: 20 } } }));
      return page.transactions.find((t) => t.stripeReference === sessionId) ?? null;
    },
    enabled: sessionId !== null,
    refetchInterval: (query) => (query.state.data ? false : CHECK_EVERY_MS),
  });
  const arrived = grant.data ?? undefined;

  useEffect(() => {
    if (arrived) void queryClient.invalidateQueries({ queryKey: balanceKey });
  }, [arrived, queryClient]);
  useEffect(() => {
    const timer = setTimeout(() => setLate(true), PATIENCE_MS);
    return () => clearTimeout(timer);
  }, []);

  return (
    <Page title="Thank you">
      <div className="card stack" aria-live="polite">
        {!sessionId ? (
          <p>This page shows a purchase when Stripe sends you back here after paying.</p>
        ) : arrived ? (
          <>
            <p className="notice notice--success" data-testid="purchase-arrived">
              {arrived.amount > 0 ? `${arrived.amount} credits added.` : 'Your plan is active.'} Your balance is now{' '}
              <strong>{balance.data?.credits ?? arrived.balanceAfter}</strong> credits.
            </p>
            <div className="row">
              <Link to="/" className="button">
                Back to your courses
              </Link>
              <Link to="/credits">See your history</Link>
            </div>
          </>
        ) : (
          <>
            <p>Payment received. Your credits arrive as soon as Stripe confirms it, usually within seconds.</p>
            <Spinner label="Waiting for Stripe's confirmation" />
            {late ? (
              <p className="notice notice--warning" role="alert">
                Stripe has not confirmed this payment yet. Nothing is lost: your credits are added the moment it does,
                and this page keeps checking. If they have not arrived within the hour, write to us with the reference{' '}
                <code>{sessionId}</code>.
              </p>
            ) : null}
          </>
        )}
        {grant.error ? <ErrorState error={grant.error} onRetry={() => void grant.refetch()} /> : null}
      </div>
    </Page>
  );
}
