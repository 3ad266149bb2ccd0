'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { NAV_GROUPS, type NavItem } from './nav-items';
import { usePermissions } from './queries';
import { useConsoleSocket } from '@/components/fleet/use-console-socket';
import { SignOutButton } from '@/components/auth/sign-out-button';

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function AppShell({ username, children }: { username: string; children: ReactNode }) {
  const pathname = usePathname();
  const { isConnected } = useConsoleSocket();
  const { can, isPending } = usePermissions();
  // Entries the user may not use are left out rather than greyed: the server would refuse them.
  const isVisible = (item: NavItem) => !item.requiresAny || can(...item.requiresAny);
  const groups = NAV_GROUPS.map((group) => ({ ...group, items: group.items.filter(isVisible) })).filter((group) => group.items.length > 0);
  return (
    <div className="flex min-h-screen">
      {/* The dark column runs the page's full height; the menu inside it stays in view. */}
      <div className="w-60 shrink-0 bg-slate-900">
        <aside className="sticky top-0 flex h-screen flex-col overflow-y-auto text-slate-200">
          <Link href="/" className="flex items-center gap-2 px-5 py-4 text-lg font-semibold text-white">
            <span className="inline-block h-6 w-6 rounded bg-gradient-to-br from-sky-400 to-indigo-500" aria-hidden />
            Opsdeck
          </Link>
          <nav aria-label="Main" aria-busy={isPending} className="flex-1 px-2 pb-6 text-sm">
            {groups.map((group) => (
              <div key={group.label} className="mt-4">
                <div className="px-3 pb-1 text-xs font-medium uppercase tracking-wide text-slate-400">{group.label}</div>
                <ul>
                  {group.items.map((item) => (
                    <li key={item.href}>
                      <Link
                        href={item.href}
                        aria-current={isActive(pathname, item.href) ? 'page' : undefined}
                        className={`flex items-center justify-between rounded px-3 py-1.5 hover:bg-slate-800 ${
                          isActive(pathname, item.href) ? 'bg-slate-800 font-medium text-white' : ''
                        }`}
                      >
                        {item.label}
                        {!item.isBuilt && <span className="text-[10px] uppercase text-slate-500">soon</span>}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </nav>
        </aside>
      </div>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-end gap-4 border-b border-slate-200 bg-white px-6 text-sm">
          <span className="flex items-center gap-1.5 text-slate-500" title="Live updates from the server">
            <span className={`h-2 w-2 rounded-full ${isConnected ? 'bg-emerald-500' : 'bg-amber-400'}`} aria-hidden />
            {isConnected ? 'Live' : 'Reconnecting…'}
          </span>
          <span className="text-slate-700">{username}</span>
          <SignOutButton />
        </header>
        <main className="flex-1 px-8 py-6">{children}</main>
      </div>
    </div>
  );
}
