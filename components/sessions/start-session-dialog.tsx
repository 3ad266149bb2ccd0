'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { NodePicker } from './node-picker';
import { startSessionHref } from './queries';
import { usePermissions } from '@/components/shell/queries';
import { buttonStyles } from '@/components/ui/notices';
import { ModalForm } from '@/components/ui/modal-form';

/** A modal to choose the node of a new session; `onStart` gets the node id. */
export function StartSessionDialog({ onStart, onCancel }: { onStart: (nodeId: string) => void; onCancel: () => void }) {
  const [nodeId, setNodeId] = useState<string>();
  return (
    <ModalForm
      title="Start a session"
      description="A shell on the node, through its agent: no inbound port, no SSH key. Everything shown and typed is recorded."
      isWide
      onSubmit={() => nodeId && onStart(nodeId)}
      onCancel={onCancel}
    >
      <NodePicker selected={nodeId} onChange={setNodeId} />
      <div className="flex justify-end gap-2 pt-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={!nodeId}>Start session</button>
      </div>
    </ModalForm>
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
