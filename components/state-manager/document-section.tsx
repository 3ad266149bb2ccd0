'use client';

import type { ParameterDefinition } from '@/components/run-command/parameter-fields';
import { DocumentChoice } from '@/components/run-command/document-choice';
import { guessTargetParameter } from '@/components/automation/rate-control-fields';
import { Field } from '@/components/settings/field';
import { inputClass } from '@/components/settings/ui';
import type { AssociationFormState } from './form-state';
import { ChoiceCards, type Choice } from '@/components/ui/choice-cards';

type DocumentState = Pick<AssociationFormState, 'documentType' | 'documentName' | 'documentVersion' | 'automationTargetParameterName'>;

const TYPES: (Choice<AssociationFormState['documentType']> & { firstDocument: string })[] = [
  { value: 'Command', title: 'Command document', description: 'A script run on each target node, as Run Command runs it.', firstDocument: 'AWS-RunShellScript' },
  { value: 'Automation', title: 'Automation runbook', description: 'A runbook run for the targets, as Automation runs it.', firstDocument: '' },
];

/**
 * What the association applies: a Command document or an Automation runbook, and its version. A
 * runbook can take each target node in one of its parameters (AWS's AutomationTargetParameterName).
 */
export function DocumentSection({ value, parameters, onChange }: { value: DocumentState; parameters: ParameterDefinition[]; onChange: (patch: Partial<DocumentState> & { isNewDocument?: boolean }) => void }) {
  return (
    <div className="space-y-4">
      <ChoiceCards
        name="document-type"
        label="Document type"
        choices={TYPES}
        value={value.documentType}
        onChange={(documentType) =>
          onChange({ documentType, documentName: TYPES.find((type) => type.value === documentType)!.firstDocument, documentVersion: '$DEFAULT', automationTargetParameterName: '', isNewDocument: true })
        }
      />
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
