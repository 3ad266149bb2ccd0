'use client';

import { useId, useState, type FormEvent } from 'react';
import { useCreateKey } from './queries';
import { parseTagText } from '@/components/activations/create-activation-form';
import { Field } from '@/components/settings/field';
import { inputClass } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

/** "prod-db" or "alias/prod-db" → "alias/prod-db"; empty → no alias. */
export function aliasNameOf(text: string): string | undefined {
  const name = text.trim();
  if (!name) return undefined;
  return name.startsWith('alias/') ? name : `alias/${name}`;
}

/**
 * The alias without its fixed `alias/` prefix, shown beside the input as the KMS console does.
 * Not a Field: the label must name the input, not the prefix's wrapper.
 */
export function AliasField({ value, onChange, label = 'Alias' }: { value: string; onChange: (value: string) => void; label?: string }) {
  const id = useId();
  return (
    <div className="text-sm">
      <label htmlFor={id} className="mb-1 block font-medium">{label}</label>
      <div className="flex items-center">
        <span className="rounded-l border border-r-0 border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-sm text-slate-500">alias/</span>
        <input
          id={id}
          aria-describedby={`${id}-hint`}
          className={`${inputClass} rounded-l-none font-mono`}
          value={value}
          onChange={(event) => onChange(event.target.value.replace(/^alias\//, ''))}
          maxLength={250}
          autoComplete="off"
          placeholder="prod-db"
        />
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">Letters, digits, / _ and -. Names under alias/aws/ are reserved for AWS managed keys.</p>
    </div>
  );
}

/** Creates a customer managed key: description, an optional alias and tags. */
export function KeyForm({ onDone, onCancel }: { onDone: (keyId: string) => void; onCancel: () => void }) {
  const create = useCreateKey();
  const [description, setDescription] = useState('');
  const [alias, setAlias] = useState('');
  const [tags, setTags] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    let parsedTags: Record<string, string>;
    try {
      parsedTags = parseTagText(tags);
    } catch (error) {
      return setFormError((error as Error).message);
    }
    // The server checks the alias and tags again and names what is wrong.
    create.mutate({ description: description.trim(), alias: aliasNameOf(alias), tags: parsedTags }, { onSuccess: (created) => onDone(created.keyId) });
  };

  return (
    <form onSubmit={handleSubmit} aria-label="Create key" className="space-y-5 p-5">
      <div className="grid gap-4 md:grid-cols-2">
        <AliasField value={alias} onChange={setAlias} />
        <Field label="Description">
          <input className={inputClass} value={description} onChange={(event) => setDescription(event.target.value)} maxLength={8192} placeholder="optional: what this key protects" />
        </Field>
        <Field label="Tags" hint="key=value pairs separated by commas, e.g. Team=payments, Environment=prod" className="md:col-span-2">
          <input className={inputClass} value={tags} onChange={(event) => setTags(event.target.value)} autoComplete="off" placeholder="optional" />
        </Field>
      </div>
      {formError && <ErrorNotice error={new Error(formError)} />}
      {create.error && <ErrorNotice error={create.error} />}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create key'}</button>
      </div>
    </form>
  );
}
