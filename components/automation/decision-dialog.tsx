'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { inputClass } from '@/components/settings/ui';

const rejectSolid = 'rounded bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-50';
const approveSolid = 'rounded bg-emerald-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-700 disabled:opacity-50';

/**
 * A modal that takes a decision with an optional comment (Approve, Reject), kept with the
 * decision in the step's history. Native <dialog>, as ConfirmDialog: focus trap, Escape, backdrop.
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
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const commentId = useId();
  const [comment, setComment] = useState('');

  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!isPending) onConfirm(comment.trim());
        }}
        className="space-y-4 p-6"
      >
        <h2 id={titleId} className="text-lg font-semibold">{title}</h2>
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
      </form>
    </dialog>
  );
}
