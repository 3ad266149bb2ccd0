import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { SESSION_COOKIE, findIdentityBySessionToken } from '@/server/auth/sessions';
import { AppShell } from '@/components/shell/app-shell';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const identity = await findIdentityBySessionToken((await cookies()).get(SESSION_COOKIE)?.value);
  if (!identity) redirect('/login');
  return <AppShell username={identity.username}>{children}</AppShell>;
}
