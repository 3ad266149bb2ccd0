'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { usePermissions } from '@/components/shell/queries';
import { EmptyState, ErrorNotice } from '@/components/ui/notices';
import { SETTINGS_TABS } from './settings-tabs';

/** /settings opens the first area the user may manage. */
export function SettingsIndex() {
  const router = useRouter();
  const { can, isPending, error } = usePermissions();
  const first = isPending ? undefined : SETTINGS_TABS.find((tab) => can(tab.requires));

  useEffect(() => {
    if (first) router.replace(first.href);
  }, [first, router]);

  if (error) return <ErrorNotice error={error} />;
  if (isPending || first) return <p className="text-sm text-slate-500">Loading…</p>;
  return (
    <EmptyState title="Nothing to manage here">
      Your policies do not allow managing users, groups or policies. An administrator can attach a policy that does.
    </EmptyState>
  );
}
