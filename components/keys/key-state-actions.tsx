'use client';

import { useState } from 'react';
import { useKeyStateChange, useScheduleKeyDeletion, type KeyWithDetail } from './queries';
import { keyDisplayName } from './key-badges';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { Field } from '@/components/settings/field';
import { inputClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';

const DEFAULT_WAITING_DAYS = 30;

/** Enable, disable and schedule deletion, each offered only when the key's state and the user's policies allow it. */
export function KeyStateActions({ detail }: { detail: KeyWithDetail }) {
  const change = useKeyStateChange(detail.keyId);
  const disabling = useConfirmMutation(change, (_keyId: string) => 'disable' as const);
  const [waitingDays, setWaitingDays] = useState(DEFAULT_WAITING_DAYS);
  const deletion = useConfirmMutation(useScheduleKeyDeletion(detail.keyId), (_keyId: string) => waitingDays);
  const { permissions, state } = detail;
  const name = keyDisplayName(detail);

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        {state === 'Disabled' && permissions.canEnable && (
          <button type="button" className={buttonStyles.primary} disabled={change.isPending} onClick={() => change.mutate('enable')}>
            {change.isPending ? 'Enabling…' : 'Enable key'}
          </button>
        )}
        {state === 'Enabled' && permissions.canDisable && (
          <button type="button" className={buttonStyles.secondary} onClick={() => disabling.ask(detail.keyId)}>Disable key</button>
        )}
        {state !== 'PendingDeletion' && permissions.canScheduleDeletion && (
          <button type="button" className={buttonStyles.danger} onClick={() => deletion.ask(detail.keyId)}>Schedule key deletion</button>
        )}
      </div>
      {change.error && !disabling.target && <ErrorNotice error={change.error} />}
      {disabling.target && (
        <ConfirmDialog title={`Disable key ${name}?`} confirmLabel="Disable key" {...disabling.dialogProps}>
          <p>From the moment you confirm, nothing can encrypt or decrypt with this key: SecureString parameters that use it cannot be read, and new ones cannot be written with it.</p>
          <p>Nothing is lost. Enable the key again to restore access.</p>
        </ConfirmDialog>
      )}
      {deletion.target && (
        <ConfirmDialog title={`Schedule deletion of key ${name}?`} confirmLabel="Schedule deletion" {...deletion.dialogProps}>
          <p>The key stops working at once and is deleted for good when the waiting period ends. Values encrypted with it can then never be decrypted again.</p>
          <p>Until then you can cancel the deletion; the key comes back disabled.</p>
          <Field label="Waiting period (days)" hint="Between 7 and 30 days.">
            <input
              type="number"
              className={`${inputClass} w-28`}
              min={7}
              max={30}
              value={waitingDays}
              onChange={(event) => setWaitingDays(Number(event.target.value))}
            />
          </Field>
        </ConfirmDialog>
      )}
    </div>
  );
}
