'use client';

import Link from 'next/link';
import { useDeregisterNode } from '@/components/fleet/queries';
import { PingStatusBadge } from '@/components/fleet/ping-status-badge';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { usePermissions } from '@/components/shell/queries';
import { startSessionHref } from '@/components/sessions/queries';
import type { NodeAccess, NodeWithAccess } from './queries';

export function NodeHeader({ node, access }: { node: NodeWithAccess; access: NodeAccess | undefined }) {
  const deregister = useDeregisterNode(node.nodeId);
  const isActive = node.pingStatus !== 'Inactive';
  const { can } = usePermissions();

  const handleDeregister = () => {
    if (window.confirm(`Deregister ${node.name} (${node.nodeId})? Its agent will be disconnected and refused from now on.`)) {
      deregister.mutate();
    }
  };

  return (
    <div className="space-y-3">
      <div className="flex items-start justify-between">
        <div>
          <Link href="/fleet" className="text-sm text-sky-700 hover:underline">← Fleet Manager</Link>
          <h1 className="mt-1 flex items-center gap-3 text-2xl font-semibold tracking-tight">
            {node.name} <PingStatusBadge status={node.pingStatus} />
          </h1>
          <p className="font-mono text-sm text-slate-500">{node.nodeId}</p>
        </div>
        <div className="flex items-start gap-2">
          {can('sendCommands') && isActive && (
            <Link href={`/run-command/new?${new URLSearchParams({ node: node.nodeId })}`} className={buttonStyles.secondary}>
              Run command
            </Link>
          )}
          {/* A shell needs a connected agent; policy decides per node (its tags). */}
          {access?.canStartSession && node.pingStatus === 'Online' && (
            <Link href={startSessionHref(node.nodeId)} className={buttonStyles.primary}>
              Start session
            </Link>
          )}
          {access?.canDeregister && isActive && (
            <button type="button" className={buttonStyles.danger} onClick={handleDeregister} disabled={deregister.isPending}>
              Deregister
            </button>
          )}
        </div>
      </div>
      {deregister.error && <ErrorNotice error={deregister.error} />}
    </div>
  );
}
