'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { nodeQuery, useDeregisterNode } from './queries';
import { PingStatusBadge } from './ping-status-badge';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { dateTime, timeAgo } from '@/components/lib/format';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children || '—'}</dd>
    </div>
  );
}

export function NodeDetail({ nodeId }: { nodeId: string }) {
  const { data: node, error, isPending } = useQuery(nodeQuery(nodeId));
  const deregister = useDeregisterNode(nodeId);

  if (error) return <ErrorNotice error={error} />;
  if (isPending) return <p className="text-sm text-slate-500">Loading node…</p>;

  const handleDeregister = () => {
    if (window.confirm(`Deregister ${node.name} (${node.nodeId})? Its agent will be disconnected and refused from now on.`)) {
      deregister.mutate();
    }
  };

  return (
    <div className="space-y-6">
      <div className="flex items-start justify-between">
        <div>
          <Link href="/fleet" className="text-sm text-sky-700 hover:underline">← Fleet Manager</Link>
          <h1 className="mt-1 flex items-center gap-3 text-2xl font-semibold tracking-tight">
            {node.name} <PingStatusBadge status={node.pingStatus} />
          </h1>
          <p className="font-mono text-sm text-slate-500">{node.nodeId}</p>
        </div>
        {node.pingStatus !== 'Inactive' && (
          <button type="button" className={buttonStyles.danger} onClick={handleDeregister} disabled={deregister.isPending}>
            Deregister
          </button>
        )}
      </div>
      {deregister.error && <ErrorNotice error={deregister.error} />}
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="mb-4 font-medium">Node</h2>
        <dl className="grid grid-cols-2 gap-x-8 gap-y-4 md:grid-cols-3">
          <Field label="Computer name">{node.computerName}</Field>
          <Field label="Platform">{[node.platformType, node.platformName, node.platformVersion].filter(Boolean).join(' · ')}</Field>
          <Field label="Kernel">{node.kernelVersion}</Field>
          <Field label="Architecture">{node.architecture}</Field>
          <Field label="IP addresses"><span className="font-mono text-xs">{node.ipAddresses.join(', ')}</span></Field>
          <Field label="Agent version">{node.agentVersion}</Field>
          <Field label="Last seen">{`${timeAgo(node.lastPingDateTime)} (${dateTime(node.lastPingDateTime)})`}</Field>
          <Field label="Registered">{dateTime(node.registrationDate)}</Field>
          <Field label="Activation"><span className="font-mono text-xs">{node.activationId}</span></Field>
        </dl>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="mb-4 font-medium">Tags</h2>
        {Object.keys(node.tags).length === 0 ? (
          <p className="text-sm text-slate-500">This node has no tags.</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {Object.entries(node.tags).map(([key, value]) => (
              <li key={key} className="rounded bg-slate-100 px-2 py-1 font-mono text-xs">{key}={value}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
