'use client';

import { useQuery } from '@tanstack/react-query';
import { keyQuery, type KeyWithDetail } from './queries';
import { KeyManagerBadge, KeyStateBadge, keyDisplayName } from './key-badges';
import { KeyStateActions } from './key-state-actions';
import { KeyConfiguration } from './key-configuration';
import { KeyRotation } from './key-rotation';
import { KeyAliases } from './key-aliases';
import { KeyVersions } from './key-versions';
import { DeletionNotice } from './deletion-notice';
import { DetailFallback, DetailHeader } from '@/components/settings/detail-page';
import { ApiError } from '@/components/lib/api-client';
import { dateTime } from '@/components/lib/format';

function AwsManagedNotice() {
  return (
    <p className="rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      This is the AWS managed key Parameter Store uses when a SecureString names no key. Opsdeck manages it: it rotates every year and cannot be disabled, deleted or given other aliases.
      Using it to decrypt still needs <code className="rounded bg-amber-100 px-1">kms:Decrypt</code>.
    </p>
  );
}

function KeyDetailBody({ detail }: { detail: KeyWithDetail }) {
  return (
    <div className="space-y-5">
      <DetailHeader
        backHref="/keys"
        backLabel="Keys"
        title={
          <>
            <span className="break-all">{keyDisplayName(detail)}</span> <KeyStateBadge state={detail.state} /> <KeyManagerBadge keyManager={detail.keyManager} />
          </>
        }
        summary={<>{detail.description || 'No description'} · created {dateTime(detail.createdAt)}</>}
        actions={<KeyStateActions detail={detail} />}
      />
      {detail.state === 'PendingDeletion' && <DeletionNotice detail={detail} />}
      {detail.keyManager === 'AWS' && <AwsManagedNotice />}
      <div className="grid gap-5 lg:grid-cols-2">
        <KeyConfiguration detail={detail} />
        <KeyRotation detail={detail} />
      </div>
      <KeyAliases detail={detail} />
      <KeyVersions detail={detail} />
    </div>
  );
}

export function KeyDetailView({ keyId }: { keyId: string }) {
  const { data: detail, error, isPending } = useQuery(keyQuery(keyId));
  if (!detail) {
    // A deleted key answers 404: say there is no such key rather than show the raw error.
    const isMissing = error instanceof ApiError && error.status === 404;
    return <DetailFallback error={isMissing ? null : error} isPending={isPending} noun="key" name={keyId} listHref="/keys" listName="keys" />;
  }
  return <KeyDetailBody detail={detail} />;
}
