'use client';

import { useRouter } from 'next/navigation';
import { WindowForm } from './window-form';
import { windowHref } from './queries';
import { Section } from '@/components/settings/ui';

export function NewWindow() {
  const router = useRouter();
  return (
    <Section title="Window">
      <WindowForm onDone={(windowId) => router.push(windowHref(windowId))} onCancel={() => router.push('/maintenance-windows')} />
    </Section>
  );
}
