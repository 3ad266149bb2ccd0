'use client';

import { apiFetch } from '@/components/lib/api-client';

export function SignOutButton() {
  const handleSignOut = async () => {
    await apiFetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    window.location.assign('/login');
  };
  return (
    <button type="button" onClick={handleSignOut} className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100">
      Sign out
    </button>
  );
}
