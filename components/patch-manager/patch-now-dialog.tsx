'use client';

import Link from 'next/link';
import { useState } from 'react';
import { ChoiceCards } from '@/components/ui/choice-cards';
import { ModalForm } from '@/components/ui/modal-form';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { inputClass, linkClass } from '@/components/settings/ui';
import { commandHref, usePatchNow, type FleetFilter, type PatchNowInput } from './queries';

type Operation = PatchNowInput['operation'];
type RebootOption = NonNullable<PatchNowInput['rebootOption']>;

const OPERATIONS = [
  { value: 'Scan', title: 'Scan', description: 'Compare each node with its baseline and report what is missing. Changes nothing.' },
  { value: 'Install', title: 'Install', description: 'Install the approved patches that are missing, with the node’s own package manager.' },
] as const;

const REBOOTS = [
  { value: 'RebootIfNeeded', title: 'Reboot if needed', description: 'Restart a node when an installed patch asks for it.' },
  { value: 'NoReboot', title: 'No reboot', description: 'Never restart; patches that need one stay InstalledPendingReboot.' },
] as const;

/** Who "Patch now" reaches: the ticked nodes, or every node the filters select. */
export type PatchNowScope = { nodeIds: string[] } | { filter: FleetFilter; description: string };

function scopeInWords(scope: PatchNowScope): string {
  if ('nodeIds' in scope) return `${scope.nodeIds.length} selected node${scope.nodeIds.length === 1 ? '' : 's'}`;
  return scope.description;
}

/** Runs AWS-RunPatchBaseline through Run Command and then links to the command(s) it sent. */
export function PatchNowDialog({ scope, onClose }: { scope: PatchNowScope; onClose: (isSent: boolean) => void }) {
  const [operation, setOperation] = useState<Operation>('Scan');
  const [rebootOption, setRebootOption] = useState<RebootOption>('RebootIfNeeded');
  const [maxConcurrency, setMaxConcurrency] = useState('10%');
  const [maxErrors, setMaxErrors] = useState('10%');
  const patchNow = usePatchNow();

  if (patchNow.data) {
    const { commandId, nodeIds } = patchNow.data;
    return (
      <ModalForm title="Patching started" onSubmit={() => onClose(true)} onCancel={() => onClose(true)}>
        <p className="text-sm text-slate-700">
          {`AWS-RunPatchBaseline (${operation}) was sent to ${nodeIds.length} node${nodeIds.length === 1 ? '' : 's'} as one command, at most ${maxConcurrency.trim()} at a time. Follow each node in Run Command; the dashboard updates as nodes report.`}
        </p>
        <p className="text-sm">
          <Link href={commandHref(commandId)} className={`${linkClass} font-mono`}>{commandId}</Link>
        </p>
        <div className="flex justify-end"><button type="submit" className={buttonStyles.primary}>Done</button></div>
      </ModalForm>
    );
  }

  const submit = () => patchNow.mutate({ ...('nodeIds' in scope ? { nodeIds: scope.nodeIds } : { filter: scope.filter }), operation, rebootOption, maxConcurrency: maxConcurrency.trim(), maxErrors: maxErrors.trim() });
  return (
    <ModalForm title="Patch now" description={`Runs AWS-RunPatchBaseline on ${scopeInWords(scope)}, each with the baseline of its patch group or OS.`} isWide onSubmit={submit} onCancel={() => onClose(false)}>
      <ChoiceCards name="operation" label="Operation" choices={OPERATIONS} value={operation} onChange={setOperation} />
      {operation === 'Install' && <ChoiceCards name="reboot" label="Reboot option" choices={REBOOTS} value={rebootOption} onChange={setRebootOption} />}
      <div className="grid grid-cols-2 gap-3">
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Concurrency</span>
          <input className={inputClass} value={maxConcurrency} onChange={(event) => setMaxConcurrency(event.target.value)} aria-describedby="patch-now-rate" />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Error threshold</span>
          <input className={inputClass} value={maxErrors} onChange={(event) => setMaxErrors(event.target.value)} aria-describedby="patch-now-rate" />
        </label>
      </div>
      <p id="patch-now-rate" className="text-xs text-slate-500">A number of nodes (10) or a percentage (10%): how many patch at once, and how many may fail before the rest are not started.</p>
      {patchNow.error && <ErrorNotice error={patchNow.error} />}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={() => onClose(false)}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={patchNow.isPending}>{patchNow.isPending ? 'Sending…' : operation === 'Scan' ? 'Scan now' : 'Install now'}</button>
      </div>
    </ModalForm>
  );
}
