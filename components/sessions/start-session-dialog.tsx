'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { NodePicker } from './node-picker';
import { startSessionHref } from './queries';
import { usePermissions } from '@/components/shell/queries';
import { buttonStyles } from '@/components/ui/notices';

/** A modal to choose the node of a new session; `onStart` gets the node id. */
export function StartSessionDialog({ onStart, onCancel }: { onStart: (nodeId: string) => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [nodeId, setNodeId] = useState<string>();

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
      className="m-auto w-full max-w-xl rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <form
        className="space-y-4 p-6"
        onSubmit={(event) => {
          event.preventDefault();
          if (nodeId) onStart(nodeId);
        }}
      >
        <div>
          <h2 id={titleId} className="text-lg font-semibold">Start a session</h2>
          <p className="mt-1 text-sm text-slate-600">A shell on the node, through its agent: no inbound port, no SSH key. Everything shown and typed is recorded.</p>
        </div>
        <NodePicker selected={nodeId} onChange={setNodeId} />
        <div className="flex justify-end gap-2 pt-2">
          <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
          <button type="submit" className={buttonStyles.primary} disabled={!nodeId}>Start session</button>
        </div>
      </form>
    </dialog>
  );
}

/** "Start session" for pages (Session Manager, Fleet Manager): pick a node, open its terminal. */
export function StartSessionButton() {
  const router = useRouter();
  const { can } = usePermissions();
  const [isOpen, setIsOpen] = useState(false);
  if (!can('startSessions')) return null;
  return (
    <>
      <button type="button" className={buttonStyles.primary} onClick={() => setIsOpen(true)}>Start session</button>
      {isOpen && <StartSessionDialog onCancel={() => setIsOpen(false)} onStart={(nodeId) => router.push(startSessionHref(nodeId))} />}
    </>
  );
}
