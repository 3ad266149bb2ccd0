'use client';

import { useId, useRef, useState, type FormEvent } from 'react';
import { PolicyDocumentError, type Policy, type PolicyError } from './queries';
import { PolicyEditor, PolicyProblems } from './policy-editor';
import { tidyJson } from './policy-text';
import { inputClass } from '../ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

export interface PolicyDraft {
  name: string;
  description: string;
  document: string;
}

/**
 * Name, description and JSON document of a customer policy. The server is the one validator:
 * its line-precise findings come back in `errors` and are shown beside the editor.
 */
export function PolicyForm({
  initial,
  isNew,
  isSaving,
  onSave,
  onCancel,
  submitLabel,
}: {
  initial: PolicyDraft;
  isNew: boolean;
  isSaving: boolean;
  onSave: (draft: PolicyDraft, callbacks: { onError: (error: Error) => void; onSuccess: (policy: Policy) => void }) => void;
  onCancel: () => void;
  submitLabel: string;
}) {
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<{ error: Error; errors: PolicyError[]; checkedText: string } | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const editorId = useId();
  const problemsId = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checkedText = draft.document;
    setSavedAt(null);
    onSave(draft, {
      onError: (error) => setProblem({ error, errors: error instanceof PolicyDocumentError ? error.errors : [], checkedText }),
      onSuccess: () => {
        setProblem(null);
        setSavedAt(new Date());
      },
    });
  };

  const handleSelect = (error: PolicyError) => {
    const textarea = textareaRef.current;
    if (!textarea || problem?.checkedText !== draft.document) return;
    textarea.focus();
    textarea.setSelectionRange(error.offset, error.offset + Math.max(1, error.length));
  };

  const documentErrors = problem?.errors ?? [];
  return (
    <form onSubmit={handleSubmit} aria-label={isNew ? 'Create policy' : 'Edit policy'} className="space-y-4">
      <div className="grid grid-cols-3 gap-4">
        <label className="text-sm">
          <span className="mb-1 block font-medium">Policy name</span>
          <input name="name" required maxLength={128} autoComplete="off" className={inputClass} value={draft.name}
            disabled={!isNew} onChange={(event) => setDraft({ ...draft, name: event.target.value })} placeholder="FleetViewers" />
        </label>
        <label className="col-span-2 text-sm">
          <span className="mb-1 block font-medium">Description</span>
          <input name="description" maxLength={1000} className={inputClass} value={draft.description}
            onChange={(event) => setDraft({ ...draft, description: event.target.value })} placeholder="What this policy lets people do" />
        </label>
      </div>
      <div>
        <div className="mb-1 flex items-center justify-between text-sm">
          <label htmlFor={editorId} className="font-medium">Policy document (JSON)</label>
          <button type="button" className="text-sky-700 hover:underline" onClick={() => setDraft({ ...draft, document: tidyJson(draft.document) })}>
            Format JSON
          </button>
        </div>
        <div className={`grid gap-4 ${documentErrors.length > 0 ? 'grid-cols-[minmax(0,3fr)_minmax(0,2fr)]' : 'grid-cols-1'}`}>
          <PolicyEditor
            id={editorId}
            value={draft.document}
            onChange={(document) => setDraft({ ...draft, document })}
            errors={documentErrors}
            checkedText={problem?.checkedText}
            textareaRef={textareaRef}
            describedBy={documentErrors.length > 0 ? problemsId : undefined}
          />
          {documentErrors.length > 0 && (
            <PolicyProblems id={problemsId} errors={documentErrors} isStale={problem?.checkedText !== draft.document} onSelect={handleSelect} />
          )}
        </div>
        <p className="mt-1 text-xs text-slate-500">
          IAM grammar: Version &quot;2012-10-17&quot;, Statement with Sid, Effect, Action or NotAction, Resource or NotResource (Opsdeck ARNs such as
          arn:opsdeck:ssm:*:*:managed-instance/*), and String* conditions on keys like ssm:resourceTag/Environment.
        </p>
      </div>
      {problem && documentErrors.length === 0 && <ErrorNotice error={problem.error} />}
      {savedAt && <p role="status" className="text-sm text-emerald-700">Saved at {savedAt.toLocaleTimeString('en-GB')}.</p>}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={isSaving}>{isSaving ? 'Saving…' : submitLabel}</button>
      </div>
    </form>
  );
}
