import { type MutationFunction, useMutation, useQueryClient } from '@tanstack/react-query';
import { balanceKey } from './query-client';

/** A mutation that spends credits: whatever the outcome, the balance is read again so the header stays true. */
export function useCreditSpend<TData, TVariables = void>(
  mutationFn: MutationFunction<TData, TVariables>,
  options: { onSuccess?: (data: TData, variables: TVariables) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: options.onSuccess,
    onSettled: () => queryClient.invalidateQueries({ queryKey: balanceKey }),
  });
}
