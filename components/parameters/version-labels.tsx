'use client';

import { useState, type FormEvent, type RefObject } from 'react';
import { useLabelVersion, useUnlabelVersion, type HistoryVersion } from './queries';
import { labelProblem, splitLabels } from './value-rules';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { sizedInputClass } from '@/components/run-command/ui';

/** A version's labels as chips, each removable when the user may. */
export function LabelChips({ name, version, labels, canRemove }: { name: string; version: number; labels: string[]; canRemove: boolean }) {
  const unlabel = useUnlabelVersion(name);
  if (labels.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {labels.map((label) => (
        <span key={label} className="flex items-center gap-0.5 rounded-full bg-violet-50 py-0.5 pl-2 pr-1 text-xs font-medium text-violet-800 ring-1 ring-inset ring-violet-600/20">
          {label}
          {canRemove && (
            <button type="button" aria-label={`Remove label ${label} from version ${version}`} disabled={unlabel.isPending} onClick={() => unlabel.mutate({ version, labels: [label] })} className="rounded-full px-1 text-violet-500 hover:bg-violet-100 hover:text-red-700">
              ×
            </button>
          )}
        </span>
      ))}
      {unlabel.error && <ErrorNotice error={unlabel.error} />}
    </span>
  );
}

interface Outcome {
  version: number;
  attached: { label: string; movedFrom?: number }[];
  refused: { label: string; reason: string }[];
}

/** What the attach did, in words: which labels landed (and moved from where), which AWS refused and why. */
function OutcomeNotice({ outcome }: { outcome: Outcome }) {
  return (
    <div role="status" aria-label="Label result" className="space-y-1 text-sm">
      {outcome.attached.length > 0 && (
        <p className="text-emerald-800">
          {`Version ${outcome.version} now has `}
          {outcome.attached.map((entry, index) => (
            <span key={entry.label}>
              {index > 0 && ', '}
              <strong>{entry.label}</strong>
              {entry.movedFrom !== undefined && ` (moved from version ${entry.movedFrom})`}
            </span>
          ))}
          .
        </p>
      )}
      {outcome.refused.length > 0 && (
        <div className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
          <p className="font-medium">{outcome.refused.length === 1 ? 'This label was not attached:' : 'These labels were not attached:'}</p>
          <ul className="list-disc pl-5">{outcome.refused.map((entry) => <li key={entry.label}><code className="font-mono">{entry.label}</code>: {entry.reason}.</li>)}</ul>
        </div>
      )}
    </div>
  );
}

/**
 * Attaches labels to a version. A label names one version of a parameter at a time, so attaching
 * one that another version has moves it here, as AWS does.
 */
export function AttachLabelsForm({ name, versions, version, onVersion, inputRef }: {
  name: string;
  versions: HistoryVersion[];
  version: number;
  onVersion: (version: number) => void;
  /** The labels box, so a version's "Add label" can focus it. */
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const label = useLabelVersion(name);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const labels = splitLabels(text);
    if (labels.length === 0) return;
    const holderOf = (wanted: string) => versions.find((entry) => entry.Labels.includes(wanted))?.Version;
    label.mutate(
      { version, labels },
      {
        onSuccess: (result) => {
          const refused = new Set(result.InvalidLabels);
          setOutcome({
            version: result.ParameterVersion,
            attached: labels.filter((entry) => !refused.has(entry)).map((entry) => {
              const holder = holderOf(entry);
              return { label: entry, movedFrom: holder !== undefined && holder !== result.ParameterVersion ? holder : undefined };
            }),
            refused: result.InvalidLabels.map((entry) => ({ label: entry, reason: labelProblem(entry) ?? 'AWS does not accept it as a label' })),
          });
          setText('');
        },
      },
    );
  };

  return (
    <form onSubmit={handleSubmit} aria-label="Attach labels" className="space-y-3 px-5 py-4">
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium">Labels</span>
          <input ref={inputRef} className={`${sizedInputClass} w-72`} value={text} onChange={(event) => setText(event.target.value)} placeholder="prod, blue" autoComplete="off" spellCheck={false} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Version</span>
          <select className={`${sizedInputClass} w-40`} value={version} onChange={(event) => onVersion(Number(event.target.value))}>
            {versions.map((entry, index) => <option key={entry.Version} value={entry.Version}>{`${entry.Version}${index === 0 ? ' (latest)' : ''}`}</option>)}
          </select>
        </label>
        <button type="submit" className={buttonStyles.primary} disabled={label.isPending || splitLabels(text).length === 0}>{label.isPending ? 'Attaching…' : 'Attach labels'}</button>
      </div>
      <p className="text-xs text-slate-500">
        Separate labels with commas or spaces. A label has letters, numbers and . - _ (up to 100), does not begin with a number, aws or ssm; a version has at most 10.
        Read a labelled version as <code className="font-mono">{`${name}:label`}</code>.
      </p>
      {label.error && <ErrorNotice error={label.error} />}
      {outcome && <OutcomeNotice outcome={outcome} />}
    </form>
  );
}
