import { useInfiniteQuery } from '@tanstack/react-query';
import { api, call } from '../../lib/api/client';

export const transactionsKey = ['credits', 'transactions'] as const;

/** The ledger, newest first, a page at a time over its cursor. */
export function useTransactions(limit = 20) {
  return useInfiniteQuery({
    queryKey: [...transactionsKey, limit],
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/credits/transactions', {
          params: { query: { limit, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const formatPrice = (amount: number, currency: string) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);

export const formatDate = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
