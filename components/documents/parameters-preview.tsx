'use client';

import { useState } from 'react';
import { ParametersForm } from '@/components/run-command/parameters-form';
import { formErrors, initialValues, type ParameterDefinition } from '@/components/run-command/parameter-fields';
import { Section } from '@/components/settings/ui';

/**
 * The form Run Command will show for the parameters declared so far, live as the document is
 * edited. It can be filled in to try the checks (allowed values, patterns); nothing is sent.
 */
export function ParametersPreview({ parameters, hasIssues, documentType }: { parameters: ParameterDefinition[]; hasIssues: boolean; documentType: string }) {
  const [edited, setEdited] = useState<Record<string, string>>({});
  const values = { ...initialValues(parameters), ...edited };
  // Only what was typed here is judged: an untouched required field is not an error yet.
  const errors = Object.fromEntries(Object.entries(formErrors(parameters, values)).filter(([name]) => name in edited));
  return (
    <Section
      title="Parameters preview"
      description={documentType === 'Command' ? 'The form Run Command will generate. Try values here; nothing is sent.' : 'The form these parameters generate. Nothing is sent.'}
    >
      <div className="p-5">
        {hasIssues && parameters.length === 0 ? (
          <p className="text-sm text-slate-500">Fix the issues to see the parameters.</p>
        ) : (
          <ParametersForm parameters={parameters} values={values} errors={errors} onChange={(name, value) => setEdited((current) => ({ ...current, [name]: value }))} />
        )}
      </div>
    </Section>
  );
}
