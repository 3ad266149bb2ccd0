'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const TABS = [
  { href: '/patch-manager', label: 'Dashboard' },
  { href: '/patch-manager/baselines', label: 'Patch baselines' },
  { href: '/patch-manager/patch-groups', label: 'Patch groups' },
];

/** Patch Manager's sections; the node pages belong to the dashboard. */
export function PatchManagerTabs() {
  const pathname = usePathname();
  const current = TABS.slice(1).find((tab) => pathname.startsWith(tab.href))?.href ?? '/patch-manager';
  return (
    <nav aria-label="Patch Manager" className="mb-6 flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.href === current ? 'page' : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab.href === current ? 'border-sky-600 text-sky-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
