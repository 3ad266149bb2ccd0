'use client';

import { useId, useState, type ReactNode } from 'react';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { inputClass } from '@/components/settings/ui';
import { ModalForm } from '@/components/ui/modal-form';

const rejectSolid = 'rounded bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-50';
const approveSolid = 'rounded bg-emerald-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-700 disabled:opacity-50';

/**
 * A modal that takes a decision with an optional comment (Approve, Reject), kept with the
 * decision in the step's history.
 */
export function DecisionDialog({
  title,
  tone,
  confirmLabel,
  children,
  isPending,
  error,
  onConfirm,
  onCancel,
}: {
  title: string;
  tone: 'approve' | 'reject';
  confirmLabel: string;
  children: ReactNode;
  isPending: boolean;
  error: unknown;
  onConfirm: (comment: string) => void;
  onCancel: () => void;
}) {
  const commentId = useId();
  const [comment, setComment] = useState('');

  return (
    <ModalForm title={title} onSubmit={() => !isPending && onConfirm(comment.trim())} onCancel={onCancel}>
      <div className="space-y-2 text-sm text-slate-700">{children}</div>
      <div className="text-sm">
        <label htmlFor={commentId} className="mb-1 block font-medium">Comment</label>
        <textarea id={commentId} className={`${inputClass} h-20`} value={comment} maxLength={4096} onChange={(event) => setComment(event.target.value)} placeholder="optional: why, for the record" autoFocus />
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="flex justify-end gap-2 pt-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
        <button type="submit" className={tone === 'approve' ? approveSolid : rejectSolid} disabled={isPending}>{isPending ? 'Sending…' : confirmLabel}</button>
      </div>
    </ModalForm>
  );
}
