'use client';

import { useState, type FormEvent } from 'react';
import { apiFetch, ApiError } from '@/components/lib/api-client';

export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setError(null);
    try {
      await apiFetch('/api/auth/login', {
        method: 'POST',
        json: { username: form.get('username'), password: form.get('password') },
      });
      // Only same-site paths: an open redirect would let a link send a fresh sign-in elsewhere.
      window.location.assign(next.startsWith('/') && !next.startsWith('//') ? next : '/');
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Could not reach the server');
      setIsPending(false);
    }
  };

  return (
    <form onSubmit={handleSubmit} className="space-y-4">
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-700">User name</span>
        <input name="username" autoComplete="username" required defaultValue="admin"
          className="w-full rounded border border-slate-300 px-3 py-2 focus:border-sky-500 focus:outline-none" />
      </label>
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-700">Password</span>
        <input name="password" type="password" autoComplete="current-password" required autoFocus
          className="w-full rounded border border-slate-300 px-3 py-2 focus:border-sky-500 focus:outline-none" />
      </label>
      {error && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <button type="submit" disabled={isPending}
        className="w-full rounded bg-sky-600 px-3 py-2 font-medium text-white hover:bg-sky-700 disabled:opacity-60">
        {isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
