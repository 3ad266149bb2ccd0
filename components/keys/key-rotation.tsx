'use client';

import { useState, type FormEvent } from 'react';
import { useKeyStateChange, useSetKeyRotation, type KeyWithDetail } from './queries';
import { rotationSummary } from './key-badges';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { Section, inputClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { useConfirmMutation } from '@/components/ui/use-confirm-mutation';
import { dateTime } from '@/components/lib/format';

function RotationForm({ detail }: { detail: KeyWithDetail }) {
  const setRotation = useSetKeyRotation(detail.keyId);
  const [isAutomatic, setIsAutomatic] = useState(detail.rotationEnabled);
  const [periodDays, setPeriodDays] = useState(detail.rotationPeriodDays);
  const isChanged = isAutomatic !== detail.rotationEnabled || (isAutomatic && periodDays !== detail.rotationPeriodDays);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setRotation.mutate(isAutomatic ? periodDays : null);
  };

  return (
    <form onSubmit={handleSubmit} aria-label="Automatic rotation" className="space-y-3 border-t border-slate-100 px-5 py-4 text-sm">
      <label className="flex items-center gap-2">
        <input type="checkbox" className="accent-sky-600" checked={isAutomatic} onChange={(event) => setIsAutomatic(event.target.checked)} />
        <span className="font-medium">Rotate automatically</span>
      </label>
      {isAutomatic && (
        <label className="flex items-center gap-2">
          <span>Every</span>
          <input type="number" aria-label="Rotation period in days" className={`${inputClass} w-24`} min={90} max={2560} value={periodDays} onChange={(event) => setPeriodDays(Number(event.target.value))} />
          <span>days (90 to 2560)</span>
        </label>
      )}
      {setRotation.error && <ErrorNotice error={setRotation.error} />}
      <button type="submit" className={buttonStyles.secondary} disabled={!isChanged || setRotation.isPending}>
        {setRotation.isPending ? 'Saving…' : 'Save rotation'}
      </button>
    </form>
  );
}

/**
 * Rotation adds a version of key material; new values use it and older values still decrypt
 * with theirs, so rotating never breaks a stored secret.
 */
export function KeyRotation({ detail }: { detail: KeyWithDetail }) {
  const rotateNow = useConfirmMutation(useKeyStateChange(detail.keyId), (_keyId: string) => 'rotate' as const);
  const isEnabled = detail.state === 'Enabled';
  return (
    <Section
      title="Key rotation"
      description="Rotation adds new key material for new values; values encrypted earlier still decrypt."
      actions={
        detail.permissions.canRotate && isEnabled && <button type="button" className={buttonStyles.secondary} onClick={() => rotateNow.ask(detail.keyId)}>Rotate now</button>
      }
    >
      <dl className="grid grid-cols-3 gap-3 px-5 py-4 text-sm">
        <div>
          <dt className="text-slate-500">Automatic rotation</dt>
          <dd data-testid="key-rotation">{rotationSummary(detail)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Next rotation</dt>
          <dd>{detail.rotationEnabled ? dateTime(detail.nextRotationDate) : '—'}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Current version</dt>
          <dd className="tabular-nums" data-testid="key-current-version">{detail.currentVersion}</dd>
        </div>
      </dl>
      {detail.permissions.canManageRotation && isEnabled && <RotationForm key={`${detail.rotationEnabled}-${detail.rotationPeriodDays}`} detail={detail} />}
      {detail.keyManager === 'CUSTOMER' && !isEnabled && (
        <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-500">
          {detail.state === 'Disabled' ? 'Enable the key to rotate it or change its rotation.' : 'A key pending deletion is not rotated. Cancel its deletion and enable it to rotate it again.'}
        </p>
      )}
      {rotateNow.target && (
        <ConfirmDialog title="Rotate this key now?" confirmLabel="Rotate now" {...rotateNow.dialogProps}>
          <p>New key material is created and used for every value encrypted from now on. Values encrypted earlier keep decrypting with the material they were made with.</p>
          <p>A key can be rotated on demand at most 10 times.</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
