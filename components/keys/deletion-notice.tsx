'use client';

import { useKeyStateChange, type KeyWithDetail } from './queries';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { dateTime } from '@/components/lib/format';

/** The scheduled deletion, said plainly, with the way back. */
export function DeletionNotice({ detail }: { detail: KeyWithDetail }) {
  const change = useKeyStateChange(detail.keyId);
  return (
    <div role="status" className="space-y-3 rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <div className="flex items-start justify-between gap-4">
        <p>
          This key will be deleted on <strong data-testid="key-deletion-date">{dateTime(detail.deletionDate)}</strong>. Until then it cannot encrypt or decrypt anything;
          after that, values encrypted with it can never be decrypted again.
        </p>
        {detail.permissions.canCancelDeletion && (
          <button type="button" className={`${buttonStyles.secondary} shrink-0 whitespace-nowrap`} disabled={change.isPending} onClick={() => change.mutate('cancel-deletion')}>
            {change.isPending ? 'Cancelling…' : 'Cancel key deletion'}
          </button>
        )}
      </div>
      {change.error && <ErrorNotice error={change.error} />}
    </div>
  );
}
