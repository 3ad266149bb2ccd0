import { SessionPreferences } from '@/components/sessions/session-preferences';

export const metadata = { title: 'Session Manager preferences' };

export default function SessionPreferencesPage() {
  return <SessionPreferences />;
}
