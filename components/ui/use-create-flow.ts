'use client';

import { useState } from 'react';

/**
 * A "Create …" button that opens a form in place, and what the last create returned: when it
 * succeeds the form closes and the result stays for a notice (a one-time secret, a next step).
 */
export function useCreateFlow<Created>() {
  const [isCreating, setIsCreating] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  return {
    isCreating,
    created,
    open: () => setIsCreating(true),
    cancel: () => setIsCreating(false),
    handleCreated: (result: Created) => {
      setCreated(result);
      setIsCreating(false);
    },
  };
}
