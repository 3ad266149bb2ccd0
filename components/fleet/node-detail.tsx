'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { NodePermissions } from '@/server/fleet/service';
import { nodeQuery, useDeregisterNode, type Node } from './queries';
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

/**
 * GET /api/nodes/:id adds what this user may do to the node; live socket updates and the
 * deregister answer carry the node alone. The last answer for this node stands until a new one.
 */
function useNodePermissions(nodeId: string, node: Node | undefined): NodePermissions | undefined {
  const fresh = (node as (Node & { permissions?: NodePermissions }) | undefined)?.permissions;
  const [known, setKnown] = useState<{ nodeId: string; permissions: NodePermissions }>();
  if (fresh && (known?.nodeId !== nodeId || known.permissions !== fresh)) setKnown({ nodeId, permissions: fresh });
  return fresh ?? (known?.nodeId === nodeId ? known.permissions : undefined);
}

function Capability({ isAllowed, children }: { isAllowed: boolean; children: React.ReactNode }) {
  return (
    <li className="flex items-start gap-2">
      <span aria-hidden className={`mt-0.5 font-bold ${isAllowed ? 'text-emerald-600' : 'text-slate-400'}`}>{isAllowed ? '✓' : '✕'}</span>
      <span className={isAllowed ? 'text-slate-900' : 'text-slate-500'}>{children}</span>
    </li>
  );
}

export function NodeDetail({ nodeId }: { nodeId: string }) {
  const { data: node, error, isPending } = useQuery(nodeQuery(nodeId));
  const deregister = useDeregisterNode(nodeId);
  const permissions = useNodePermissions(nodeId, node);

  if (error) return <ErrorNotice error={error} />;
  if (isPending) return <p className="text-sm text-slate-500">Loading node…</p>;
  const isActive = node.pingStatus !== 'Inactive';

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
        <div className="flex items-start gap-2">
          {permissions?.canStartSession && isActive && (
            <span className="flex flex-col items-end gap-1">
              {/* Offered only where policy allows it; the shell itself arrives with Session Manager. */}
              <button type="button" className={buttonStyles.primary} disabled aria-describedby="start-session-note" title="Session Manager is coming">
                Start session
              </button>
              <span id="start-session-note" className="text-xs text-slate-500">Session Manager is coming</span>
            </span>
          )}
          {permissions?.canDeregister && isActive && (
            <button type="button" className={buttonStyles.danger} onClick={handleDeregister} disabled={deregister.isPending}>
              Deregister
            </button>
          )}
        </div>
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
      {permissions && (
        <section aria-label="Your access" className="rounded-lg border border-slate-200 bg-white p-6">
          <h2 className="mb-1 font-medium">Your access to this node</h2>
          <p className="mb-3 text-sm text-slate-500">Decided by your policies with this node&apos;s tags.</p>
          <ul className="space-y-1.5 text-sm">
            <Capability isAllowed={permissions.canStartSession}>
              {permissions.canStartSession ? 'You may start shell sessions here' : 'You may not start shell sessions here'} (Session Manager is coming)
            </Capability>
            <Capability isAllowed={permissions.canDeregister}>{permissions.canDeregister ? 'You may deregister it' : 'You may not deregister it'}</Capability>
            <Capability isAllowed={permissions.canTag}>{permissions.canTag ? 'You may change its tags' : 'You may not change its tags'}</Capability>
          </ul>
        </section>
      )}
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
