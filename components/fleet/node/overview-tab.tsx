'use client';

import { dateTime, timeAgo } from '@/components/lib/format';
import { Field, Panel } from './ui';
import { SiteLabelsEditor } from './site-labels-editor';
import { TagsEditor } from './tags-editor';
import { StatusHistory } from './status-history';
import { DiagnosisPanel } from './diagnosis-panel';
import { AccessPanel } from './access-panel';
import type { NodeAccess, NodeWithAccess } from './queries';

export function OverviewTab({ node, access }: { node: NodeWithAccess; access: NodeAccess | undefined }) {
  return (
    <div className="space-y-5">
      {/* Why a node is not Online comes first: it is what someone opening it wants to know. */}
      {node.pingStatus !== 'Online' && <DiagnosisPanel nodeId={node.nodeId} pingStatus={node.pingStatus} />}
      <Panel title="Node">
        <dl className="grid grid-cols-2 gap-x-8 gap-y-4 md:grid-cols-3">
          <Field label="Computer name">{node.computerName}</Field>
          <Field label="Platform">{[node.platformType, node.platformName, node.platformVersion].filter(Boolean).join(' · ')}</Field>
          <Field label="Kernel">{node.kernelVersion}</Field>
          <Field label="Architecture">{node.architecture}</Field>
          <Field label="IP addresses"><span className="font-mono text-xs">{node.ipAddresses.join(', ')}</span></Field>
          <Field label="Agent version">{node.agentVersion}</Field>
          <Field label="Last seen">{node.lastPingDateTime ? `${timeAgo(node.lastPingDateTime)} (${dateTime(node.lastPingDateTime)})` : 'never'}</Field>
          <Field label="Registered">{dateTime(node.registrationDate)}</Field>
          <Field label="Activation"><span className="font-mono text-xs">{node.activationId}</span></Field>
        </dl>
        <div className="mt-5 border-t border-slate-100 pt-4">
          <SiteLabelsEditor node={node} canEdit={access?.canEditSettings ?? false} />
        </div>
      </Panel>
      <div className="grid items-start gap-5 lg:grid-cols-2">
        <Panel title="Tags">
          <TagsEditor nodeId={node.nodeId} tags={node.tags} canAdd={access?.canTag ?? false} canRemove={access?.canUntag ?? false} />
        </Panel>
        {access && <AccessPanel access={access} />}
      </div>
      {node.pingStatus === 'Online' && <DiagnosisPanel nodeId={node.nodeId} pingStatus={node.pingStatus} isQuietWhenFine />}
      <StatusHistory nodeId={node.nodeId} pingStatus={node.pingStatus} />
    </div>
  );
}
