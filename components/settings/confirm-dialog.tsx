'use client';

import { useState, type ReactNode } from 'react';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { ModalForm } from '@/components/ui/modal-form';
import { inputClass } from './ui';

const dangerSolid = 'rounded bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-50';

/**
 * A modal that asks before something is destroyed. With `confirmText`, the user types that name
 * first, as cloud consoles do for deletes that take other things with them.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  confirmText,
  isPending,
  error,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  confirmText?: string;
  isPending?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const [typed, setTyped] = useState('');
  const isConfirmable = !isPending && (confirmText === undefined || typed === confirmText);

  return (
    <ModalForm title={title} onSubmit={() => isConfirmable && onConfirm()} onCancel={onCancel}>
      <div className="space-y-2 text-sm text-slate-700">{children}</div>
      {confirmText !== undefined && (
        <label className="block text-sm">
          <span className="mb-1 block">
            To confirm, type <code className="rounded bg-slate-100 px-1 font-mono">{confirmText}</code>
          </span>
          <input className={inputClass} value={typed} onChange={(event) => setTyped(event.target.value)} autoFocus autoComplete="off" />
        </label>
      )}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="flex justify-end gap-2 pt-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
        <button type="submit" className={dangerSolid} disabled={!isConfirmable}>
          {isPending ? 'Working…' : confirmLabel}
        </button>
      </div>
    </ModalForm>
  );
}
