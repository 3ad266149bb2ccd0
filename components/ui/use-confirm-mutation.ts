'use client';

import { useState } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';

/**
 * Pairs what the user is about to delete (remove, revoke…) with the mutation that does it, for a
 * ConfirmDialog: `ask(target)` opens the dialog; Cancel closes it and clears the mutation's error;
 * confirming runs the mutation on `variablesOf(target)` and closes the dialog once it succeeds, or
 * calls `onSuccess` instead (a detail page that navigates away from what it deleted).
 */
export function useConfirmMutation<Target, TData, TError, TVariables, TContext>(
  mutation: UseMutationResult<TData, TError, TVariables, TContext>,
  variablesOf: (target: Target) => TVariables,
  onSuccess?: () => void,
) {
  const [target, setTarget] = useState<Target | null>(null);
  return {
    target,
    ask: (next: Target) => setTarget(next),
    dialogProps: {
      isPending: mutation.isPending,
      error: mutation.error,
      onCancel: () => {
        setTarget(null);
        mutation.reset();
      },
      onConfirm: () => {
        if (target !== null) mutation.mutate(variablesOf(target), { onSuccess: onSuccess ?? (() => setTarget(null)) });
      },
    },
  };
}
