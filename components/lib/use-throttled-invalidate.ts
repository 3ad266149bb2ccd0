'use client';

import { useEffect, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';

/**
 * Collects invalidations and runs them at most once per `everyMs`, at the end of a burst: a
 * command on a thousand nodes changes status a thousand times in a few seconds, and refetching on
 * each would cancel every fetch before it finished.
 */
export function createInvalidator(queryClient: QueryClient, everyMs: number) {
  const pending = new Map<string, readonly unknown[]>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    request(queryKey: readonly unknown[]) {
      pending.set(JSON.stringify(queryKey), queryKey);
      timer ??= setTimeout(() => {
        timer = undefined;
        for (const key of pending.values()) void queryClient.invalidateQueries({ queryKey: key });
        pending.clear();
      }, everyMs);
    },
    cancel() {
      clearTimeout(timer);
    },
  };
}

export function useThrottledInvalidate(everyMs = 1000) {
  const queryClient = useQueryClient();
  const [invalidator] = useState(() => createInvalidator(queryClient, everyMs));
  useEffect(() => () => invalidator.cancel(), [invalidator]);
  return invalidator.request;
}
