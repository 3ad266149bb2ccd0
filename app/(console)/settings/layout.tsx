import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PageHeader title="Settings" description="Who can sign in, what each person may do, and the keys their tools use for the API." />
      <SettingsTabs />
      <div className="mt-6">{children}</div>
    </>
  );
}
