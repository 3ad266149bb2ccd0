'use client';

import type { ReactNode } from 'react';
import type { ParameterDetail } from './queries';
import { ValuePanel } from './value-panel';
import { TagsPanel } from './tags-panel';
import { PolicyStatusBadge, TierBadge, TypeBadge, userNameOf } from './badges';
import { describePolicy } from './policies-draft';
import { Section } from '@/components/settings/ui';
import { dateTime, timeAgo } from '@/components/lib/format';

function Detail({ label, children, isWide = false }: { label: string; children: ReactNode; isWide?: boolean }) {
  return (
    <div className={isWide ? 'sm:col-span-2 lg:col-span-3' : ''}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-all text-sm text-slate-900">{children}</dd>
    </div>
  );
}

const none = <span className="text-slate-400">—</span>;

function DetailsPanel({ detail }: { detail: ParameterDetail }) {
  const { parameter } = detail;
  return (
    <Section title="Details">
      <dl className="grid gap-x-6 gap-y-4 px-5 py-4 sm:grid-cols-2 lg:grid-cols-3">
        <Detail label="ARN" isWide><code className="font-mono text-xs">{parameter.ARN}</code></Detail>
        <Detail label="Type"><TypeBadge type={parameter.Type} /></Detail>
        <Detail label="Tier"><TierBadge tier={parameter.Tier} /></Detail>
        <Detail label="Data type"><code className="font-mono text-xs">{parameter.DataType}</code></Detail>
        {parameter.Type === 'SecureString' && <Detail label="Encryption key"><code className="font-mono text-xs">{parameter.KeyId ?? 'alias/aws/ssm'}</code></Detail>}
        <Detail label="Version">{parameter.Version}</Detail>
        <Detail label="Last modified"><span title={dateTime(parameter.LastModifiedDate)}>{`${dateTime(parameter.LastModifiedDate)} (${timeAgo(parameter.LastModifiedDate)})`}</span></Detail>
        <Detail label="Modified by"><span title={parameter.LastModifiedUser}>{userNameOf(parameter.LastModifiedUser)}</span></Detail>
        <Detail label="Allowed pattern">{parameter.AllowedPattern ? <code className="font-mono text-xs">{parameter.AllowedPattern}</code> : none}</Detail>
        <Detail label="Description" isWide>{parameter.Description || none}</Detail>
      </dl>
    </Section>
  );
}

function PoliciesPanel({ policies }: { policies: ParameterDetail['parameter']['Policies'] }) {
  return (
    <Section title="Policies" description="Evaluated by the server's scheduler; a notification fires once per version.">
      {policies.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">No policies. Advanced parameters can expire and raise notifications.</p>
      ) : (
        <ul aria-label="Policies" className="divide-y divide-slate-100">
          {policies.map((policy) => (
            <li key={policy.PolicyType} className="flex items-center justify-between gap-4 px-5 py-3 text-sm">
              <span>
                <span className="block font-medium">{policy.PolicyType}</span>
                <span className="block text-slate-600">{describePolicy(policy, dateTime)}</span>
              </span>
              <PolicyStatusBadge status={policy.PolicyStatus} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function OverviewTab({ detail }: { detail: ParameterDetail }) {
  const { parameter, tags, permissions } = detail;
  return (
    <div className="space-y-5">
      <ValuePanel detail={detail} />
      <DetailsPanel detail={detail} />
      <div className="grid items-start gap-5 lg:grid-cols-2">
        <PoliciesPanel policies={parameter.Policies} />
        <TagsPanel name={parameter.Name} tags={tags} canAdd={permissions.canTag} canRemove={permissions.canUntag} />
      </div>
    </div>
  );
}
