'use client';

import { useQuery } from '@tanstack/react-query';
import { activationListQuery, useDeleteActivation, type CreatedActivation } from './queries';
import { CreateActivationForm } from './create-activation-form';
import { DataTable } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { useCreateFlow } from '@/components/ui/use-create-flow';
import { dateTime } from '@/components/lib/format';
import { usePermissions } from '@/components/shell/queries';

function CreatedNotice({ created, serverUrl }: { created: CreatedActivation; serverUrl: string }) {
  const command = `npm run agent -- register --server ${serverUrl} --code ${created.activationCode} --id ${created.activationId}`;
  return (
    <section role="status" aria-label="New activation" className="rounded-lg border border-emerald-300 bg-emerald-50 p-5 text-sm">
      <p className="font-medium text-emerald-900">Activation created. Copy the code now: it is not shown again.</p>
      <dl className="mt-3 grid grid-cols-[10rem_1fr] gap-y-1">
        <dt className="text-emerald-900">Activation code</dt>
        <dd><code data-testid="activation-code" className="font-mono">{created.activationCode}</code></dd>
        <dt className="text-emerald-900">Activation ID</dt>
        <dd><code data-testid="activation-id" className="font-mono">{created.activationId}</code></dd>
      </dl>
      <p className="mt-3 text-emerald-900">On the node:</p>
      <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">{command}</pre>
    </section>
  );
}

export function ActivationsView() {
  const { data: page, error, isPending } = useQuery(activationListQuery());
  const data = page?.activations;
  const remove = useDeleteActivation();
  const { can } = usePermissions();
  const canCreate = can('createActivation');
  const canDelete = can('deleteActivation');
  const creation = useCreateFlow<CreatedActivation>();

  return (
    <div className="space-y-6">
      <PageHeader
        title="Hybrid Activations"
        description="An activation lets servers anywhere register as managed nodes. Share its code and id with the agent; the code is shown once."
        actions={
          canCreate && (
            <button type="button" className={buttonStyles.primary} onClick={creation.open}>
              Create activation
            </button>
          )
        }
      />
      {creation.created && <CreatedNotice created={creation.created} serverUrl={typeof window === 'undefined' ? '' : window.location.origin} />}
      {creation.isCreating && <CreateActivationForm onCreated={creation.handleCreated} />}
      {remove.error && <ErrorNotice error={remove.error} />}
      {error && <ErrorNotice error={error} />}
      {isPending && <p className="text-sm text-slate-500">Loading activations…</p>}
      {data && data.length === 0 && (
        <EmptyState title="No activations">{canCreate ? 'Create one to register your first node.' : 'An administrator can create one to register nodes.'}</EmptyState>
      )}
      {data && data.length > 0 && (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          <DataTable label="Activations" columns={['Activation ID', 'Description', 'Registrations', 'Expires', 'Region / account', 'Tags']} hasActions={canDelete}>
            {data.map((activation) => (
              <tr key={activation.activationId}>
                <td className="px-4 py-2.5 font-mono text-xs">{activation.activationId}</td>
                <td className="px-4 py-2.5">{activation.description || '—'}</td>
                <td className="px-4 py-2.5">{activation.registrationsCount} of {activation.registrationLimit}</td>
                <td className="px-4 py-2.5">
                  {activation.isExpired ? <span className="text-red-700">Expired</span> : dateTime(activation.expirationDate)}
                </td>
                <td className="px-4 py-2.5">{[activation.region, activation.account].filter(Boolean).join(' / ') || '—'}</td>
                <td className="px-4 py-2.5 font-mono text-xs">
                  {Object.entries(activation.tags).map(([k, v]) => `${k}=${v}`).join(', ') || '—'}
                </td>
                {canDelete && (
                  <td className="px-4 py-2.5 text-right">
                    <button type="button" className={buttonStyles.danger} disabled={remove.isPending}
                      aria-label={`Delete activation ${activation.activationId}`}
                      onClick={() => {
                        if (window.confirm('Delete this activation? Nodes already registered with it stay registered.')) {
                          remove.mutate(activation.activationId);
                        }
                      }}>
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
          {page?.hasMore && <p className="border-t border-slate-200 px-4 py-2 text-sm text-slate-600">Showing the newest 50 activations.</p>}
        </div>
      )}
    </div>
  );
}
