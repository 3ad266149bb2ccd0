'use client';

import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { documentKeys, lintDocument, type LintResult } from './queries';

const LINT_DELAY_MS = 300;
const NOTHING: LintResult = { issues: [], parameters: [] };

/** `value`, once it has stopped changing for `delayMs`. */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/**
 * The server's check of what is in the editor, ~300 ms after typing stops: the issues (placed by
 * line and column) and the parameters the content declares. The previous answer stays on screen
 * while the next is asked, so the marks do not flicker; a superseded request is cancelled.
 */
export function useDocumentLint(input: { documentType: string; documentFormat: string; content: string }) {
  // Debounced as one string: an object literal would be a new value on every render.
  const settled = JSON.parse(useDebouncedValue(JSON.stringify(input), LINT_DELAY_MS)) as typeof input;
  const isEmpty = settled.content.trim() === '';
  const { data, error, isFetching } = useQuery({
    queryKey: [...documentKeys.all, 'lint', settled.documentType, settled.documentFormat, settled.content],
    queryFn: ({ signal }) => lintDocument(settled, signal),
    enabled: !isEmpty,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 30_000,
    retry: false,
  });
  const isStale = settled.content !== input.content || settled.documentFormat !== input.documentFormat || settled.documentType !== input.documentType;
  return { ...(isEmpty ? NOTHING : (data ?? NOTHING)), error, isChecking: isFetching || isStale };
}
