'use client';

import { useState, type FormEvent } from 'react';
import { CodeEditor } from './code-editor';
import { IssuesList } from './issues-list';
import { ParametersPreview } from './parameters-preview';
import { convertFormat, type EditableFormat } from './document-format';
import { DOCUMENT_TYPES, DocumentContentError, useCreateDocument, useUpdateDocument } from './queries';
import { useDocumentLint } from './use-document-lint';
import { Field } from '@/components/settings/field';
import { Badge, Section, inputClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { RunbookEditorPanel } from '@/components/automation/runbook-editor-panel';

function FormatSwitch({ format, onChange }: { format: EditableFormat; onChange: (format: EditableFormat) => void }) {
  return (
    <div role="radiogroup" aria-label="Content format" className="inline-flex rounded border border-slate-300 bg-white p-0.5 text-sm">
      {(['YAML', 'JSON'] as const).map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={format === option}
          onClick={() => onChange(option)}
          className={`rounded px-3 py-1 font-medium ${format === option ? 'bg-sky-600 text-white' : 'text-slate-600 hover:bg-slate-100'}`}
        >
          {option}
        </button>
      ))}
    </div>
  );
}

/**
 * Creates a document (no `existing`) or saves a new version of one: a CodeMirror editor checked
 * by the server as you type (issues inline and listed below), and beside it the form Run Command
 * will generate from the parameters declared so far.
 */
export function DocumentForm({
  existing,
  initial,
  onSaved,
  onCancel,
}: {
  existing?: { name: string; documentType: string; latestVersion: string };
  initial: { content: string; format: EditableFormat; documentType?: string };
  onSaved: (name: string) => void;
  onCancel: () => void;
}) {
  const create = useCreateDocument();
  const update = useUpdateDocument(existing?.name ?? '');
  const mutation = existing ? update : create;
  const [name, setName] = useState('');
  const [documentType, setDocumentType] = useState(existing?.documentType ?? initial.documentType ?? 'Command');
  const [format, setFormat] = useState<EditableFormat>(initial.format);
  const [content, setContent] = useState(initial.content);
  const [versionName, setVersionName] = useState('');
  const [formatNote, setFormatNote] = useState<string | null>(null);
  const [jumpTo, setJumpTo] = useState<{ line: number; column?: number }>();
  const lint = useDocumentLint({ documentType, documentFormat: format, content });
  // A refused save marks the issues the server named, until the content changes.
  const savedIssues = mutation.error instanceof DocumentContentError ? mutation.error.issues : [];
  const issues = lint.issues.length > 0 ? lint.issues : savedIssues;

  const handleContent = (next: string) => {
    setContent(next);
    if (mutation.error) mutation.reset();
  };

  const handleFormat = (next: EditableFormat) => {
    if (next === format) return;
    const converted = convertFormat(content, format, next);
    setFormatNote(converted === null ? `The content is not valid ${format} yet, so it was kept as it is; fix it and switch again to convert.` : null);
    if (converted !== null) handleContent(converted);
    setFormat(next);
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { content, documentFormat: format, ...(versionName.trim() ? { versionName: versionName.trim() } : {}) };
    if (existing) update.mutate(input, { onSuccess: () => onSaved(existing.name) });
    else create.mutate({ ...input, name: name.trim(), documentType }, { onSuccess: (created) => onSaved(created.Name) });
  };

  return (
    <form onSubmit={handleSubmit} aria-label={existing ? `Edit document ${existing.name}` : 'Create document'} className="space-y-5">
      <Section title="Document details">
        <div className="grid gap-4 p-5 md:grid-cols-3">
          {existing ? (
            <div className="text-sm">
              <p className="mb-1 font-medium">Type</p>
              <Badge tone="sky">{existing.documentType}</Badge>
              <p className="mt-1 text-xs text-slate-500">{`Saving makes version ${Number(existing.latestVersion) + 1}; the default version stays as it is until you change it.`}</p>
            </div>
          ) : (
            <>
              <Field label="Name" hint="3–128 letters, digits and _ - . (not starting with AWS, Amazon or Opsdeck-).">
                <input className={inputClass} value={name} onChange={(event) => setName(event.target.value)} required minLength={3} maxLength={128} autoComplete="off" placeholder="Restart-Service" />
              </Field>
              <Field label="Document type" hint="Run Command runs Command documents; Automation runs Automation runbooks.">
                <select className={inputClass} value={documentType} onChange={(event) => setDocumentType(event.target.value)}>
                  {DOCUMENT_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
                </select>
              </Field>
            </>
          )}
          <Field label="Version name" hint="Optional, e.g. v2-reload. Letters, digits and _ - .">
            <input className={inputClass} value={versionName} onChange={(event) => setVersionName(event.target.value)} maxLength={128} autoComplete="off" placeholder="optional" />
          </Field>
        </div>
      </Section>

      <div className="grid gap-5 xl:grid-cols-[minmax(0,3fr)_minmax(18rem,2fr)]">
        <Section
          title="Content"
          description="Checked as you type; issues are marked at their line."
          actions={<FormatSwitch format={format} onChange={handleFormat} />}
        >
          <div className="space-y-3 p-5">
            {formatNote && <p className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{formatNote}</p>}
            <CodeEditor value={content} onChange={handleContent} format={format} issues={issues} label="Document content" minHeight="24rem" jumpTo={jumpTo} />
            <IssuesList issues={issues} isChecking={lint.isChecking} error={lint.error} />
          </div>
        </Section>
        <div className="space-y-5">
          {documentType === 'Automation' && <RunbookEditorPanel content={content} format={format} onJump={(line, column) => setJumpTo({ line, column })} />}
          <ParametersPreview parameters={lint.parameters} hasIssues={issues.length > 0} documentType={documentType} />
        </div>
      </div>

      {mutation.error && <ErrorNotice error={mutation.error} />}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : existing ? 'Save new version' : 'Create document'}
        </button>
      </div>
    </form>
  );
}
