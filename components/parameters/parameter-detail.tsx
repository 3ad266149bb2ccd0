'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { editParameterHref, parameterDetailQuery, pathHref, useDeleteParameter } from './queries';
import { OverviewTab } from './overview-tab';
import { HistoryTab } from './history-tab';
import { EventsTab } from './events-tab';
import { TierBadge, TypeBadge, userNameOf } from './badges';
import { parentPathOfName } from './name-rules';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { DetailFallback, DetailHeader } from '@/components/settings/detail-page';
import { buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { ApiError } from '@/components/lib/api-client';
import { timeAgo } from '@/components/lib/format';

const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'history', label: 'History' },
  { id: 'events', label: 'Policy events' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** A parameter: its value and details, its versions and labels, its policy events. The tab lives in the URL. */
export function ParameterDetailView({ name }: { name: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { data, error, isPending } = useQuery(parameterDetailQuery(name));
  const parentHref = pathHref(parentPathOfName(name));
  const deletion = useConfirmMutation(useDeleteParameter(), (target: string) => target, () => router.push(parentHref));

  if (!data) {
    const isMissing = error instanceof ApiError && error.code === 'ParameterNotFound';
    return <DetailFallback error={isMissing ? null : error} isPending={isPending} noun="parameter" name={name} listHref={parentHref} listName="Parameter Store" />;
  }
  const { parameter, permissions } = data;
  const requested = searchParams.get('tab');
  const active: TabId = TABS.some((tab) => tab.id === requested) ? (requested as TabId) : 'overview';
  const selectTab = (tab: TabId) => {
    const next = new URLSearchParams(searchParams);
    if (tab === 'overview') next.delete('tab');
    else next.set('tab', tab);
    router.replace(`${pathname}?${next}`, { scroll: false });
  };

  return (
    <div className="space-y-5">
      <DetailHeader
        backHref={parentHref}
        backLabel={`Parameter Store${parentPathOfName(name) === '/' ? '' : ` · ${parentPathOfName(name)}`}`}
        title={<><span className="break-all font-mono">{parameter.Name}</span> <TypeBadge type={parameter.Type} /> <TierBadge tier={parameter.Tier} /></>}
        summary={`${parameter.Description ? `${parameter.Description} · ` : ''}version ${parameter.Version} · changed ${timeAgo(parameter.LastModifiedDate)} by ${userNameOf(parameter.LastModifiedUser)}`}
        actions={
          <div className="flex shrink-0 gap-2 whitespace-nowrap">
            {permissions.canEdit && <Link href={editParameterHref(parameter.Name)} className={buttonStyles.primary}>Edit</Link>}
            {permissions.canDelete && <button type="button" className={buttonStyles.danger} onClick={() => deletion.ask(parameter.Name)}>Delete</button>}
          </div>
        }
      />
      <div role="tablist" aria-label="Parameter views" className="flex gap-1 border-b border-slate-200">
        {TABS.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={active === tab.id}
            aria-controls={`panel-${tab.id}`}
            onClick={() => selectTab(tab.id)}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${active === tab.id ? 'border-sky-600 text-sky-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${active}`} aria-labelledby={`tab-${active}`}>
        {active === 'overview' && <OverviewTab detail={data} />}
        {active === 'history' && <HistoryTab detail={data} />}
        {active === 'events' && <EventsTab name={parameter.Name} hasPolicies={parameter.Policies.length > 0} />}
      </div>
      {deletion.target && (
        <ConfirmDialog title={`Delete ${parameter.Name}?`} confirmLabel="Delete parameter" {...deletion.dialogProps}>
          <p>The parameter goes, with its version history and labels. This cannot be undone.</p>
          <p>Anything that reads <code className="font-mono">{parameter.Name}</code> will get ParameterNotFound.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
