'use client';

import type { ParameterDefinition } from '@/components/run-command/parameter-fields';
import { DocumentChoice } from '@/components/run-command/document-choice';
import { guessTargetParameter } from '@/components/automation/rate-control-fields';
import { Field } from '@/components/settings/field';
import { inputClass } from '@/components/settings/ui';
import type { AssociationFormState } from './form-state';

type DocumentState = Pick<AssociationFormState, 'documentType' | 'documentName' | 'documentVersion' | 'automationTargetParameterName'>;

const TYPES: { type: AssociationFormState['documentType']; title: string; description: string; firstDocument: string }[] = [
  { type: 'Command', title: 'Command document', description: 'A script run on each target node, as Run Command runs it.', firstDocument: 'AWS-RunShellScript' },
  { type: 'Automation', title: 'Automation runbook', description: 'A runbook run for the targets, as Automation runs it.', firstDocument: '' },
];

/**
 * What the association applies: a Command document or an Automation runbook, and its version. A
 * runbook can take each target node in one of its parameters (AWS's AutomationTargetParameterName).
 */
export function DocumentSection({ value, parameters, onChange }: { value: DocumentState; parameters: ParameterDefinition[]; onChange: (patch: Partial<DocumentState> & { isNewDocument?: boolean }) => void }) {
  return (
    <div className="space-y-4">
      <div role="radiogroup" aria-label="Document type" className="grid gap-3 md:grid-cols-2">
        {TYPES.map((option) => (
          <label
            key={option.type}
            className={`flex cursor-pointer gap-3 rounded-lg border p-3 text-sm ${value.documentType === option.type ? 'border-sky-500 bg-sky-50/60 ring-1 ring-sky-500' : 'border-slate-200 bg-white hover:border-slate-300'}`}
          >
            <input
              type="radio"
              name="document-type"
              className="mt-0.5 accent-sky-600"
              checked={value.documentType === option.type}
              onChange={() => onChange({ documentType: option.type, documentName: option.firstDocument, documentVersion: '$DEFAULT', automationTargetParameterName: '', isNewDocument: true })}
            />
            <span>
              <span className="block font-medium">{option.title}</span>
              <span className="block text-xs text-slate-600">{option.description}</span>
            </span>
          </label>
        ))}
      </div>
      <DocumentChoice
        documentType={value.documentType}
        label={value.documentType === 'Automation' ? 'Runbook' : 'Document'}
        name={value.documentName}
        version={value.documentVersion}
        onName={(documentName) => onChange({ documentName, documentVersion: '$DEFAULT', automationTargetParameterName: '', isNewDocument: true })}
        onVersion={(documentVersion) => onChange({ documentVersion })}
      />
      {value.documentType === 'Automation' && value.documentName && (
        <Field label="Target parameter" hint="Optional: the runbook parameter each target node's id is passed in, one execution per node. Without it the runbook runs once per association run.">
          <select className={inputClass} value={value.automationTargetParameterName} onChange={(event) => onChange({ automationTargetParameterName: event.target.value })}>
            <option value="">None: run the runbook once</option>
            {parameters.map((parameter) => (
              <option key={parameter.name} value={parameter.name}>{`${parameter.name}${parameter.name === guessTargetParameter(parameters) ? ' (suggested)' : ''}`}</option>
            ))}
          </select>
        </Field>
      )}
    </div>
  );
}
