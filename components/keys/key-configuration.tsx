'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import { useUpdateKeyDescription, type KeyWithDetail } from './queries';
import { Section, inputClass, linkClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { dateTime } from '@/components/lib/format';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 px-5 py-2.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2 min-w-0 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

function DescriptionEditor({ detail, onDone }: { detail: KeyWithDetail; onDone: () => void }) {
  const update = useUpdateKeyDescription(detail.keyId);
  const [description, setDescription] = useState(detail.description);
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate(description.trim(), { onSuccess: onDone });
  };
  return (
    <form onSubmit={handleSubmit} aria-label="Edit description" className="space-y-2">
      <input className={inputClass} aria-label="Description" value={description} onChange={(event) => setDescription(event.target.value)} maxLength={8192} autoFocus />
      {update.error && <ErrorNotice error={update.error} />}
      <div className="flex gap-2">
        <button type="submit" className={buttonStyles.primary} disabled={update.isPending}>{update.isPending ? 'Saving…' : 'Save'}</button>
        <button type="button" className={buttonStyles.secondary} onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

/** What DescribeKey says about the key, and its tags. */
export function KeyConfiguration({ detail }: { detail: KeyWithDetail }) {
  const [isEditing, setIsEditing] = useState(false);
  const tags = Object.entries(detail.tags);
  return (
    <Section title="General configuration">
      <dl className="divide-y divide-slate-100">
        <Row label="Key ID"><span className="font-mono text-xs">{detail.keyId}</span></Row>
        <Row label="ARN"><span className="font-mono text-xs">{detail.arn}</span></Row>
        <Row label="Key spec">SYMMETRIC_DEFAULT (AES-256-GCM), encrypt and decrypt</Row>
        <Row label="Created">{dateTime(detail.createdAt)}{detail.createdBy ? ` by ${detail.createdBy}` : ''}</Row>
        <Row label="Description">
          {isEditing ? (
            <DescriptionEditor detail={detail} onDone={() => setIsEditing(false)} />
          ) : (
            <span className="flex items-start justify-between gap-3">
              <span className={detail.description ? '' : 'text-slate-400'}>{detail.description || 'None'}</span>
              {detail.permissions.canUpdate && detail.state !== 'PendingDeletion' && (
                <button type="button" className={linkClass} onClick={() => setIsEditing(true)}>Edit</button>
              )}
            </span>
          )}
        </Row>
        <Row label="Tags">
          {tags.length === 0 ? (
            <span className="text-slate-400">None</span>
          ) : (
            <ul className="flex flex-wrap gap-1">
              {tags.map(([tagKey, value]) => (
                <li key={tagKey} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{`${tagKey}=${value}`}</li>
              ))}
            </ul>
          )}
        </Row>
      </dl>
    </Section>
  );
}
