'use client';

import { useState, type FormEvent } from 'react';
import { useSetPassword } from './queries';
import { Section, inputClass } from '../ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

export function PasswordForm({ username }: { username: string }) {
  const setPassword = useSetPassword(username);
  const [mismatch, setMismatch] = useState(false);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const password = String(form.get('password') ?? '');
    const isMismatch = password !== String(form.get('confirm') ?? '');
    setMismatch(isMismatch);
    if (!isMismatch) setPassword.mutate(password, { onSuccess: () => formElement.reset() });
  };

  return (
    <Section title="Console password" description="Setting a new password signs the user out of every open console session.">
      <form onSubmit={handleSubmit} aria-label="Set password" className="space-y-3 px-5 py-4">
        <div className="grid grid-cols-2 gap-3">
          <label className="text-sm">
            <span className="mb-1 block font-medium">New password</span>
            <input name="password" type="password" required minLength={10} autoComplete="new-password" className={inputClass} />
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium">Confirm new password</span>
            <input name="confirm" type="password" required autoComplete="new-password" className={inputClass} />
          </label>
        </div>
        {(mismatch || setPassword.error) && <ErrorNotice error={mismatch ? new Error('The two passwords are not the same') : setPassword.error} />}
        {setPassword.isSuccess && !mismatch && (
          <p role="status" className="text-sm text-emerald-700">Password changed; {username}&apos;s open sessions were ended.</p>
        )}
        <div className="flex justify-end">
          <button type="submit" className={buttonStyles.secondary} disabled={setPassword.isPending}>
            {setPassword.isPending ? 'Saving…' : 'Set password'}
          </button>
        </div>
      </form>
    </Section>
  );
}
