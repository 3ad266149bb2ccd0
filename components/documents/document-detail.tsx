'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { documentHref, documentQuery, useDeleteDocument } from './queries';
import { OwnerBadge } from './owner-badge';
import { ContentTab } from './content-tab';
import { ParametersTab } from './parameters-tab';
import { VersionsTab } from './versions-tab';
import { usePermissions } from '@/components/shell/queries';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { DetailFallback, DetailHeader } from '@/components/settings/detail-page';
import { Badge } from '@/components/settings/ui';
import { buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { ApiError } from '@/components/lib/api-client';
import { SavedRunbookGraph } from '@/components/automation/saved-runbook-graph';
import { dateTime } from '@/components/lib/format';

const TABS = [
  { id: 'content', label: 'Content' },
  { id: 'parameters', label: 'Parameters' },
  { id: 'versions', label: 'Versions' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/**
 * A document: what it is, its content and parameters at any version, and its versions (set the
 * default, compare two). The tab and the version shown live in the URL.
 */
export function DocumentDetail({ name }: { name: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { data, error, isPending } = useQuery(documentQuery(name));
  const { can } = usePermissions();
  const deletion = useConfirmMutation(useDeleteDocument(), (target: string) => target, () => router.push('/documents'));

  if (!data) {
    const isMissing = error instanceof ApiError && (error.status === 404 || error.code === 'InvalidDocument');
    return <DetailFallback error={isMissing ? null : error} isPending={isPending} noun="document" name={name} listHref="/documents" listName="documents" />;
  }
  const { document, isBuiltin, permissions } = data;
  const requested = searchParams.get('tab');
  const active: TabId = TABS.some((tab) => tab.id === requested) ? (requested as TabId) : 'content';
  const version = searchParams.get('version') ?? document.DefaultVersion;
  const navigate = (params: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    router.replace(`${pathname}?${next}`, { scroll: false });
  };
  const canRun = document.DocumentType === 'Command' && permissions.canRun;
  const canExecute = document.DocumentType === 'Automation' && can('startAutomation');

  return (
    <div className="space-y-5">
      <DetailHeader
        backHref="/documents"
        backLabel="Documents"
        title={<>{document.Name} <OwnerBadge owner={document.Owner} /> <Badge tone="sky">{document.DocumentType}</Badge></>}
        summary={<>{document.Description || 'No description'} · default version {document.DefaultVersion} of {document.LatestVersion} · {document.PlatformTypes.join(', ') || 'any platform'}</>}
        actions={
          <div className="flex shrink-0 gap-2 whitespace-nowrap">
            {canRun && <Link href={`/run-command/new?${new URLSearchParams({ document: document.Name })}`} className={buttonStyles.primary}>Run command</Link>}
            {canExecute && <Link href={`/automation/new?${new URLSearchParams({ document: document.Name })}`} className={buttonStyles.primary}>Execute automation</Link>}
            {!isBuiltin && permissions.canUpdate && <Link href={`${documentHref(document.Name)}/edit`} className={buttonStyles.secondary}>Edit</Link>}
            {!isBuiltin && permissions.canDelete && <button type="button" className={buttonStyles.danger} onClick={() => deletion.ask(document.Name)}>Delete</button>}
          </div>
        }
      />
      {isBuiltin && (
        <div role="note" className="flex items-center justify-between gap-4 rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p>
            <span className="font-medium">Built-in documents are read-only.</span> Opsdeck ships and updates them, so commands that name them behave the same on every
            installation. To change one, start your own document from its content.
          </p>
          {can('editDocuments') && (
            <Link href={`/documents/new?${new URLSearchParams({ from: document.Name })}`} className={`${buttonStyles.secondary} shrink-0`}>Create a copy</Link>
          )}
        </div>
      )}
      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white px-5 py-4 text-sm md:grid-cols-5">
        {[
          ['Format', document.DocumentFormat],
          ['Schema version', document.SchemaVersion ?? '—'],
          ['Created', dateTime(document.CreatedDate)],
          ['Hash (SHA-256)', `${document.Hash.slice(0, 16)}…`],
          ['Tags', document.Tags.map((tag) => `${tag.Key}=${tag.Value}`).join(', ') || '—'],
        ].map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className="mt-0.5 truncate text-slate-900" title={value}>{value}</dd>
          </div>
        ))}
      </dl>
      <div role="tablist" aria-label="Document views" className="flex gap-1 border-b border-slate-200">
        {TABS.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={active === tab.id}
            aria-controls={`panel-${tab.id}`}
            onClick={() => navigate({ tab: tab.id === 'content' ? undefined : tab.id })}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${active === tab.id ? 'border-sky-600 text-sky-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${active}`} aria-labelledby={`tab-${active}`}>
        {active === 'content' && document.DocumentType === 'Automation' && (
          <div className="grid gap-5 xl:grid-cols-[minmax(0,3fr)_minmax(20rem,2fr)]">
            <ContentTab name={document.Name} version={version} onVersion={(next) => navigate({ version: next })} />
            <SavedRunbookGraph name={document.Name} version={version} />
          </div>
        )}
        {active === 'content' && document.DocumentType !== 'Automation' && <ContentTab name={document.Name} version={version} onVersion={(next) => navigate({ version: next })} />}
        {active === 'parameters' && <ParametersTab name={document.Name} version={version} onVersion={(next) => navigate({ version: next })} />}
        {active === 'versions' && (
          <VersionsTab
            name={document.Name}
            canSetDefault={!isBuiltin && permissions.canSetDefault}
            onView={(next) => navigate({ tab: undefined, version: next })}
          />
        )}
      </div>
      {deletion.target && (
        <ConfirmDialog title={`Delete document ${document.Name}?`} confirmLabel="Delete document" confirmText={document.Name} {...deletion.dialogProps}>
          <p>The document and every one of its versions go. Commands already sent keep their own copy of the steps, so their history stays readable; nothing new can name this document.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
