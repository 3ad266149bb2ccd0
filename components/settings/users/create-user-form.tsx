'use client';

import { useState, type FormEvent } from 'react';
import { useCreateUser } from './queries';
import { Field } from '../field';
import { inputClass } from '../ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

export function CreateUserForm({ onCreated, onCancel }: { onCreated: (username: string) => void; onCancel: () => void }) {
  const create = useCreateUser();
  const [mismatch, setMismatch] = useState(false);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    const isMismatch = password !== String(form.get('confirm') ?? '');
    setMismatch(isMismatch);
    if (isMismatch) return;
    create.mutate({ username: String(form.get('username') ?? '').trim(), password }, { onSuccess: (created) => onCreated(created.username) });
  };

  return (
    <form onSubmit={handleSubmit} aria-label="Create user" className="grid grid-cols-3 gap-4 border-b border-slate-200 bg-slate-50 px-5 py-4">
      <Field label="User name" hint="Letters, digits and + = , . @ _ -">
        <input name="username" required maxLength={64} autoComplete="off" className={inputClass} placeholder="jdoe" />
      </Field>
      <Field label="Console password" hint="At least 10 characters.">
        <input name="password" type="password" required minLength={10} autoComplete="new-password" className={inputClass} />
      </Field>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Confirm password</span>
        <input name="confirm" type="password" required autoComplete="new-password" className={inputClass} />
      </label>
      {(mismatch || create.error) && (
        <div className="col-span-3">
          <ErrorNotice error={mismatch ? new Error('The two passwords are not the same') : create.error} />
        </div>
      )}
      <div className="col-span-3 flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create user'}
        </button>
      </div>
    </form>
  );
}
