'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal form on the native <dialog>. Rendered only while open: the native modal brings the
 * focus trap, Escape (which calls `onCancel`) and the backdrop.
 */
export function ModalForm({
  title,
  description,
  isWide = false,
  onSubmit,
  onCancel,
  children,
}: {
  title: string;
  description?: string;
  isWide?: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

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
      className={`m-auto w-full ${isWide ? 'max-w-xl' : 'max-w-md'} rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40`}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
        className="space-y-4 p-6"
      >
        <div>
          <h2 id={titleId} className="text-lg font-semibold">{title}</h2>
          {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
        </div>
        {children}
      </form>
    </dialog>
  );
}
