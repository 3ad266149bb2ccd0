'use client';

import { useState, type FormEvent } from 'react';
import { useCreateAlias, useDeleteAlias, type KeyWithDetail } from './queries';
import { AliasField, aliasNameOf } from './key-form';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { Section, linkClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';

function AddAliasForm({ keyId }: { keyId: string }) {
  const create = useCreateAlias(keyId);
  const [alias, setAlias] = useState('');
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = aliasNameOf(alias);
    if (name) create.mutate(name, { onSuccess: () => setAlias('') });
  };
  return (
    <form onSubmit={handleSubmit} aria-label="Add alias" className="space-y-2 border-t border-slate-100 px-5 py-4">
      <div className="flex items-end gap-2">
        <div className="flex-1"><AliasField label="New alias" value={alias} onChange={setAlias} /></div>
        <button type="submit" className={`${buttonStyles.secondary} mb-5`} disabled={create.isPending || !alias.trim()}>{create.isPending ? 'Adding…' : 'Add alias'}</button>
      </div>
      {create.error && <ErrorNotice error={create.error} />}
    </form>
  );
}

/** The names a key is known by; Parameter Store accepts any of them as the KeyId. */
export function KeyAliases({ detail }: { detail: KeyWithDetail }) {
  const deletion = useConfirmMutation(useDeleteAlias(), (aliasName: string) => aliasName);
  const canManage = detail.permissions.canManageAliases;
  return (
    <Section title="Aliases" description="Friendly names for the key. Moving or deleting an alias changes which key it names at once.">
      {detail.aliases.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">This key has no aliases. It can still be named by its key ID or ARN.</p>
      ) : (
        <ul aria-label="Key aliases" className="divide-y divide-slate-100">
          {detail.aliases.map((aliasName) => (
            <li key={aliasName} className="flex items-center justify-between px-5 py-2.5 text-sm">
              <span className="font-mono">{aliasName}</span>
              {canManage && (
                <button type="button" className={linkClass} onClick={() => deletion.ask(aliasName)} aria-label={`Delete alias ${aliasName}`}>Delete</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage && detail.state !== 'PendingDeletion' && <AddAliasForm keyId={detail.keyId} />}
      {deletion.target && (
        <ConfirmDialog title={`Delete alias ${deletion.target}?`} confirmLabel="Delete alias" {...deletion.dialogProps}>
          <p>The key stays as it is. Anything that names the key by this alias — a parameter&apos;s KeyId, a script — will no longer find it.</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
