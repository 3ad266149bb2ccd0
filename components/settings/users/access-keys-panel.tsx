'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { accessKeysQuery, useCreateAccessKey, useDeleteAccessKey, useUpdateAccessKey, type AccessKey, type CreatedAccessKey } from './queries';
import { ConfirmDialog } from '../confirm-dialog';
import { Badge, Muted, Section } from '../ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { dateTime, timeAgo } from '@/components/lib/format';

// IAM allows two keys per user: enough to rotate one while the other still works.
const MAX_KEYS = 2;

function NewSecretNotice({ created, onDone }: { created: CreatedAccessKey; onDone: () => void }) {
  return (
    <div role="status" aria-label="New access key" className="border-b border-amber-300 bg-amber-50 px-5 py-4 text-sm">
      <p className="font-medium text-amber-900">
        Copy the secret access key now. It is shown only this once; if it is lost, delete this key and create another.
      </p>
      <dl className="mt-3 grid grid-cols-[11rem_1fr] gap-y-1.5">
        <dt className="text-amber-900">Access key ID</dt>
        <dd><code data-testid="new-access-key-id" className="font-mono">{created.accessKeyId}</code></dd>
        <dt className="text-amber-900">Secret access key</dt>
        <dd><code data-testid="new-secret-access-key" className="select-all break-all rounded bg-white px-1.5 py-0.5 font-mono ring-1 ring-amber-300">{created.secretAccessKey}</code></dd>
      </dl>
      <div className="mt-3 flex gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={() => void navigator.clipboard?.writeText(created.secretAccessKey)}>Copy secret</button>
        <button type="button" className={buttonStyles.secondary} onClick={onDone}>I have saved it</button>
      </div>
    </div>
  );
}

export function AccessKeysPanel({ username }: { username: string }) {
  const { data: keys, error, isPending } = useQuery(accessKeysQuery(username));
  const create = useCreateAccessKey(username);
  const update = useUpdateAccessKey(username);
  const deletion = useConfirmMutation(useDeleteAccessKey(username), (key: AccessKey) => key.accessKeyId);
  const [created, setCreated] = useState<CreatedAccessKey | null>(null);
  const isAtLimit = (keys?.length ?? 0) >= MAX_KEYS;

  return (
    <Section
      title="Access keys"
      description={`For the AWS CLI and SDKs (SigV4). At most ${MAX_KEYS} per user; deactivate a key to stop it without losing it.`}
      actions={
        <button type="button" className={buttonStyles.primary} disabled={create.isPending || isAtLimit}
          title={isAtLimit ? `${username} already has ${MAX_KEYS} keys; delete one first` : undefined}
          onClick={() => create.mutate(undefined, { onSuccess: setCreated })}>
          Create access key
        </button>
      }
    >
      {created && <NewSecretNotice created={created} onDone={() => setCreated(null)} />}
      {[create.error, update.error, error].filter(Boolean).map((problem, index) => (
        <div key={index} className="px-5 pt-3"><ErrorNotice error={problem} /></div>
      ))}
      {isPending && <Muted>Loading access keys…</Muted>}
      {keys && keys.length === 0 && <Muted>No access keys. The user can still sign in to the console.</Muted>}
      {keys && keys.length > 0 && (
        <DataTable label="Access keys" columns={['Access key ID', 'Status', 'Created', 'Last used']} hasActions>
          {keys.map((key) => (
            <tr key={key.accessKeyId}>
              <td className={`${tableStyles.td} font-mono text-xs`}>{key.accessKeyId}</td>
              <td className={tableStyles.td}><Badge tone={key.status === 'Active' ? 'emerald' : 'slate'}>{key.status}</Badge></td>
              <td className={`${tableStyles.td} text-slate-600`}>{dateTime(key.createdAt)}</td>
              <td className={`${tableStyles.td} text-slate-600`} title={key.lastUsedAt ?? undefined}>{timeAgo(key.lastUsedAt)}</td>
              <td className={`${tableStyles.td} space-x-2 text-right whitespace-nowrap`}>
                <button type="button" className={buttonStyles.secondary} disabled={update.isPending}
                  onClick={() => update.mutate({ accessKeyId: key.accessKeyId, status: key.status === 'Active' ? 'Inactive' : 'Active' })}>
                  {key.status === 'Active' ? 'Deactivate' : 'Activate'}
                </button>
                <button type="button" className={buttonStyles.danger} aria-label={`Delete access key ${key.accessKeyId}`} onClick={() => deletion.ask(key)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {deletion.target && (
        <ConfirmDialog title="Delete access key?" confirmLabel="Delete key" confirmText={deletion.target.accessKeyId} {...deletion.dialogProps}>
          <p>Requests signed with {deletion.target.accessKeyId} are refused from now on, and the key cannot be brought back.</p>
          {deletion.target.status === 'Active' && <p>To check that nothing still uses it, deactivate it first and watch for failures.</p>}
        </ConfirmDialog>
      )}
    </Section>
  );
}
