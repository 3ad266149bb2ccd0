'use client';

import { useQuery } from '@tanstack/react-query';
import { RunbookGraphPanel } from './runbook-graph-panel';
import { documentContentQuery } from '@/components/documents/queries';

/** A saved runbook version drawn as a graph (the document page, beside its content). */
export function SavedRunbookGraph({ name, version }: { name: string; version: string }) {
  const { data, error, isPending } = useQuery(documentContentQuery(name, version));
  return <RunbookGraphPanel content={data?.Content} error={error} isPending={isPending} emptyText="No content." />;
}
