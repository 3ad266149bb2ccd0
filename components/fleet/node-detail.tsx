'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { nodeQuery } from './queries';
import { ErrorNotice } from '@/components/ui/notices';
import { NodeHeader } from './node/node-header';
import { OverviewTab } from './node/overview-tab';
import { PerformanceTab } from './node/performance-tab';
import { ProcessesTab } from './node/processes-tab';
import { FilesTab } from './node/files-tab';
import { UsersTab } from './node/users-tab';
import { NodeInventory } from '@/components/inventory/node-inventory';
import { useNodeAccess } from './node/use-node-access';
import type { NodeAccess, NodeWithAccess } from './node/queries';

const TABS = [
  { id: 'overview', label: 'Overview', isAllowed: () => true },
  { id: 'performance', label: 'Performance', isAllowed: (access: NodeAccess) => access.canViewPerformance },
  { id: 'processes', label: 'Processes', isAllowed: (access: NodeAccess) => access.canViewProcesses },
  { id: 'files', label: 'Files', isAllowed: (access: NodeAccess) => access.canListFiles },
  { id: 'users', label: 'Users', isAllowed: (access: NodeAccess) => access.canViewUsers },
  { id: 'inventory', label: 'Inventory', isAllowed: () => true },
] as const;
type TabId = (typeof TABS)[number]['id'];

/**
 * The node page: Overview plus the live views the user may use (tabs they may not use are not
 * offered). The open tab and the folder being browsed live in the URL, so links and the back
 * button work.
 */
export function NodeDetail({ nodeId }: { nodeId: string }) {
  const { data, error, isPending } = useQuery(nodeQuery(nodeId));
  const node = data as NodeWithAccess | undefined;
  const access = useNodeAccess(nodeId, node);
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();

  if (error) return <ErrorNotice error={error} />;
  if (isPending || !node) return <p className="text-sm text-slate-500">Loading node…</p>;

  const tabs = TABS.filter((tab) => access && tab.isAllowed(access));
  const requested = searchParams.get('tab') as TabId | null;
  const active: TabId = tabs.some((tab) => tab.id === requested) ? requested! : 'overview';
  const navigate = (params: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    router.push(`${pathname}?${next}`, { scroll: false });
  };

  return (
    <div className="space-y-5">
      <NodeHeader node={node} access={access} />
      <div role="tablist" aria-label="Node views" className="flex gap-1 border-b border-slate-200">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={active === tab.id}
            aria-controls={`panel-${tab.id}`}
            onClick={() => navigate({ tab: tab.id === 'overview' ? undefined : tab.id, path: undefined, file: undefined })}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${
              active === tab.id ? 'border-sky-600 text-sky-700' : 'border-transparent text-slate-600 hover:text-slate-900'
            }`}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {/* Live views remount when the node's status changes, so a node that comes back is asked again. */}
      <div role="tabpanel" id={`panel-${active}`} aria-labelledby={`tab-${active}`} key={`${active}-${node.pingStatus}`}>
        {active === 'overview' && <OverviewTab node={node} access={access} />}
        {active === 'performance' && <PerformanceTab nodeId={nodeId} />}
        {active === 'processes' && <ProcessesTab nodeId={nodeId} />}
        {active === 'files' && access && (
          <FilesTab
            nodeId={nodeId}
            access={access}
            path={searchParams.get('path') ?? '/'}
            file={searchParams.get('file') ?? undefined}
            onNavigate={(path, file) => navigate({ tab: 'files', path, file })}
          />
        )}
        {active === 'users' && <UsersTab nodeId={nodeId} />}
        {active === 'inventory' && <NodeInventory nodeId={nodeId} />}
      </div>
    </div>
  );
}
