'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import { Muted, inputClass } from './ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

/**
 * The pieces of a panel that edits a list of names tied to something (a group's members, a user's
 * groups, the policies attached to either): the list with a remove button per name, and a form
 * that picks one more name to add.
 */
export function RemovableNameList({
  label,
  names,
  empty,
  renderName,
  removeText,
  removeLabelOf,
  onRemove,
}: {
  label: string;
  names: string[];
  empty: ReactNode;
  renderName: (name: string) => ReactNode;
  removeText: string;
  removeLabelOf: (name: string) => string;
  onRemove: (name: string) => void;
}) {
  if (names.length === 0) return <Muted>{empty}</Muted>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" aria-label={label}>
      {names.map((name) => (
        <li key={name} className="flex items-center justify-between px-5 py-2">
          {renderName(name)}
          <button type="button" className={buttonStyles.danger} aria-label={removeLabelOf(name)} onClick={() => onRemove(name)}>
            {removeText}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function AddNameForm({
  label,
  fieldLabel,
  fieldName,
  placeholder,
  options,
  submitText,
  isPending,
  error,
  onAdd,
}: {
  label: string;
  fieldLabel: string;
  fieldName?: string;
  placeholder: string;
  options: { value: string; text: string }[];
  submitText: string;
  isPending: boolean;
  error: unknown;
  /** Called with the chosen name; the choice is cleared once the add succeeds. */
  onAdd: (name: string, callbacks: { onSuccess: () => void }) => void;
}) {
  const [choice, setChoice] = useState('');

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (choice) onAdd(choice, { onSuccess: () => setChoice('') });
  };

  return (
    <>
      <form onSubmit={handleSubmit} aria-label={label} className="flex items-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
        <label className="flex-1 text-sm">
          <span className="mb-1 block font-medium">{fieldLabel}</span>
          <select name={fieldName} className={inputClass} value={choice} onChange={(event) => setChoice(event.target.value)} disabled={options.length === 0}>
            <option value="" disabled>{placeholder}</option>
            {options.map((option) => <option key={option.value} value={option.value}>{option.text}</option>)}
          </select>
        </label>
        <button type="submit" className={buttonStyles.primary} disabled={isPending || !choice}>{submitText}</button>
      </form>
      {error ? <div className="px-5 pb-3"><ErrorNotice error={error} /></div> : null}
    </>
  );
}
