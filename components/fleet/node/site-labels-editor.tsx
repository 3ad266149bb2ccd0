'use client';

import { useState, type FormEvent } from 'react';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { inputStyle } from './ui';
import { useUpdateNodeSettings, type NodeWithAccess } from './queries';

type Label = 'region' | 'account';
const LABELS: Record<Label, string> = { region: 'Region', account: 'Account' };

function LabelRow({ node, label, canEdit }: { node: NodeWithAccess; label: Label; canEdit: boolean }) {
  const update = useUpdateNodeSettings(node.nodeId);
  const [draft, setDraft] = useState<string | undefined>();
  const current = node[label];

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    // An empty value clears the label.
    update.mutate({ [label]: draft?.trim() ? draft.trim() : null }, { onSuccess: () => setDraft(undefined) });
  };

  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{LABELS[label]}</dt>
      <dd className="mt-0.5 text-sm">
        {draft === undefined ? (
          <span className="flex items-center gap-2">
            <span className={current ? 'text-slate-900' : 'text-slate-400'}>{current ?? 'not set'}</span>
            {canEdit && (
              <button type="button" className="text-xs text-sky-700 hover:underline" onClick={() => setDraft(current ?? '')} aria-label={`Edit ${LABELS[label].toLowerCase()}`}>
                Edit
              </button>
            )}
          </span>
        ) : (
          <form className="flex items-center gap-2" onSubmit={handleSubmit} aria-label={`Edit ${LABELS[label].toLowerCase()}`}>
            <input
              className={`${inputStyle} w-48`}
              aria-label={LABELS[label]}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              placeholder={label === 'region' ? 'eu-west-1, dc-frankfurt…' : '123456789012, team-a…'}
              autoFocus
            />
            <button type="submit" className={buttonStyles.primary} disabled={update.isPending}>Save</button>
            <button type="button" className={buttonStyles.secondary} onClick={() => { setDraft(undefined); update.reset(); }}>Cancel</button>
          </form>
        )}
        {update.error && <div className="mt-2"><ErrorNotice error={update.error} /></div>}
      </dd>
    </div>
  );
}

/** Region and account: labels an operator assigns to slice the fleet by site and owner. */
export function SiteLabelsEditor({ node, canEdit }: { node: NodeWithAccess; canEdit: boolean }) {
  return (
    <dl className="grid grid-cols-2 gap-x-8 gap-y-4 md:grid-cols-3">
      <LabelRow node={node} label="region" canEdit={canEdit} />
      <LabelRow node={node} label="account" canEdit={canEdit} />
    </dl>
  );
}
