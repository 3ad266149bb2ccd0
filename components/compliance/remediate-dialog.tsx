'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { documentListQuery, documentParametersQuery } from '@/components/documents/queries';
import { inputClass } from '@/components/settings/ui';
import { ChoiceCards, type Choice } from '@/components/ui/choice-cards';
import { ModalForm } from '@/components/ui/modal-form';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import type { Severity } from './compliance-text';
import { useRemediate, type RemediationInput, type StartedRemediation } from './queries';

type Action = RemediationInput['action'];

const ACTIONS: readonly Choice<Action>[] = [
  { value: 'RunAssociation', title: 'Run the association now', description: 'Applies each failed association again, on the nodes where it failed.' },
  { value: 'PatchNow', title: 'Patch now', description: 'Runs AWS-RunPatchBaseline (Scan or Install) on the nodes missing patches.' },
  { value: 'StartRunbook', title: 'Start a runbook', description: 'Starts an Automation runbook once per node, the node id in its target parameter.' },
];

/** Who is remediated: the chosen nodes, or every non-compliant node the filters show. */
export interface RemediationScope {
  nodeIds?: string[];
  complianceType?: string;
  overallSeverity?: Severity;
  description: string;
}

function RunbookFields({ documentName, targetParameterName, onDocument, onTarget }: { documentName: string; targetParameterName: string; onDocument: (name: string) => void; onTarget: (name: string) => void }) {
  const runbooks = useQuery(documentListQuery({ owner: 'All', type: 'Automation', search: '', page: 1 }, 100));
  const parameters = useQuery({ ...documentParametersQuery(documentName, '$DEFAULT'), enabled: documentName !== '' });
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <label className="block text-sm">
        <span className="font-medium">Runbook</span>
        <select aria-label="Runbook" className={`${inputClass} mt-1`} value={documentName} onChange={(event) => onDocument(event.target.value)} required>
          <option value="">Choose a runbook…</option>
          {runbooks.data?.documents.map((document) => <option key={document.Name} value={document.Name}>{document.Name}</option>)}
        </select>
      </label>
      <label className="block text-sm">
        <span className="font-medium">Target parameter</span>
        <select aria-label="Target parameter" className={`${inputClass} mt-1`} value={targetParameterName} onChange={(event) => onTarget(event.target.value)} required disabled={!parameters.data}>
          <option value="">{documentName ? 'Choose the node id parameter…' : 'Choose a runbook first'}</option>
          {parameters.data?.parameters.map((parameter) => <option key={parameter.name} value={parameter.name}>{parameter.name}</option>)}
        </select>
      </label>
      {(runbooks.error || parameters.error) && <div className="md:col-span-2"><ErrorNotice error={runbooks.error ?? parameters.error} /></div>}
    </div>
  );
}

function PatchFields({ operation, rebootOption, onOperation, onReboot }: { operation: 'Scan' | 'Install'; rebootOption: 'RebootIfNeeded' | 'NoReboot'; onOperation: (value: 'Scan' | 'Install') => void; onReboot: (value: 'RebootIfNeeded' | 'NoReboot') => void }) {
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <label className="block text-sm">
        <span className="font-medium">Operation</span>
        <select aria-label="Operation" className={`${inputClass} mt-1`} value={operation} onChange={(event) => onOperation(event.target.value as 'Scan' | 'Install')}>
          <option value="Scan">Scan (report only)</option>
          <option value="Install">Install approved patches</option>
        </select>
      </label>
      <label className="block text-sm">
        <span className="font-medium">Reboot</span>
        <select aria-label="Reboot option" className={`${inputClass} mt-1`} value={rebootOption} onChange={(event) => onReboot(event.target.value as 'RebootIfNeeded' | 'NoReboot')}>
          <option value="NoReboot">Never reboot</option>
          <option value="RebootIfNeeded">Reboot if a patch needs it</option>
        </select>
      </label>
    </div>
  );
}

/** Remediate: which action, on whom (said in words), and the action's own settings. */
export function RemediateDialog({ scope, initialAction, onStarted, onCancel }: { scope: RemediationScope; initialAction: Action; onStarted: (started: StartedRemediation[]) => void; onCancel: () => void }) {
  const [action, setAction] = useState<Action>(initialAction);
  const [operation, setOperation] = useState<'Scan' | 'Install'>('Install');
  const [rebootOption, setRebootOption] = useState<'RebootIfNeeded' | 'NoReboot'>('NoReboot');
  const [documentName, setDocumentName] = useState('');
  const [targetParameterName, setTargetParameterName] = useState('');
  const [maxConcurrency, setMaxConcurrency] = useState('10%');
  const remediate = useRemediate();

  const submit = () => {
    const base = { nodeIds: scope.nodeIds, complianceType: scope.complianceType, overallSeverity: scope.overallSeverity };
    const input: RemediationInput =
      action === 'RunAssociation'
        ? { action, ...base, complianceType: undefined }
        : action === 'PatchNow'
          ? { action, ...base, complianceType: undefined, operation, rebootOption, maxConcurrency }
          : { action, ...base, documentName, targetParameterName, maxConcurrency };
    remediate.mutate(input, { onSuccess: (result) => onStarted(result.started) });
  };

  return (
    <ModalForm title="Remediate" description={scope.description} isWide onSubmit={submit} onCancel={onCancel}>
      <ChoiceCards name="remediation" label="Remediation" choices={ACTIONS} value={action} columns={3} onChange={setAction} />
      {action === 'PatchNow' && <PatchFields operation={operation} rebootOption={rebootOption} onOperation={setOperation} onReboot={setRebootOption} />}
      {action === 'StartRunbook' && (
        <RunbookFields
          documentName={documentName}
          targetParameterName={targetParameterName}
          onDocument={(name) => {
            setDocumentName(name);
            setTargetParameterName('');
          }}
          onTarget={setTargetParameterName}
        />
      )}
      {action !== 'RunAssociation' && (
        <label className="block text-sm">
          <span className="font-medium">Concurrency</span>
          <input aria-label="Concurrency" className={`${inputClass} mt-1 w-32`} value={maxConcurrency} onChange={(event) => setMaxConcurrency(event.target.value)} />
          <span className="mt-1 block text-xs text-slate-500">How many nodes at once: a number (10) or a share of them (10%).</span>
        </label>
      )}
      {remediate.error && <ErrorNotice error={remediate.error} />}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={remediate.isPending}>{remediate.isPending ? 'Starting…' : 'Start remediation'}</button>
      </div>
    </ModalForm>
  );
}
