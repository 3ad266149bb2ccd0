'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { usePermissions, type Permission } from '@/components/shell/queries';

export const SETTINGS_TABS: { label: string; href: string; requires: Permission }[] = [
  { label: 'Users', href: '/settings/users', requires: 'manageUsers' },
  { label: 'Groups', href: '/settings/groups', requires: 'manageUsers' },
  { label: 'Policies', href: '/settings/policies', requires: 'managePolicies' },
  { label: 'Simulate', href: '/settings/simulate', requires: 'simulatePolicies' },
  // Readable by whoever may see sessions; saving is authorised by the server, which says so in words.
  { label: 'Session Manager', href: '/settings/sessions', requires: 'viewSessions' },
];

export function SettingsTabs() {
  const pathname = usePathname();
  const { can } = usePermissions();
  return (
    <nav aria-label="Settings" className="flex gap-1 border-b border-slate-200 text-sm">
      {SETTINGS_TABS.filter((tab) => can(tab.requires)).map((tab) => {
        const isCurrent = pathname === tab.href || pathname.startsWith(`${tab.href}/`);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={isCurrent ? 'page' : undefined}
            className={`-mb-px border-b-2 px-4 py-2 font-medium ${
              isCurrent ? 'border-sky-600 text-sky-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
            }`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
