'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
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
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [typed, setTyped] = useState('');
  const isConfirmable = !isPending && (confirmText === undefined || typed === confirmText);

  // Rendered only while open; the native modal brings the focus trap, Escape and the backdrop.
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
          if (isConfirmable) onConfirm();
        }}
        className="space-y-4 p-6"
      >
        <h2 id={titleId} className="text-lg font-semibold">{title}</h2>
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
      </form>
    </dialog>
  );
}
