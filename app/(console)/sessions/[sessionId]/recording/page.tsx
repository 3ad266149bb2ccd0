import { RecordingView } from '@/components/sessions/recording-view';
import { parseStartTime } from '@/components/sessions/playback';

export const metadata = { title: 'Session recording' };

/** The player; `?t=` (seconds) opens it at a moment, `?q=` with a transcript search filled in. */
export default async function RecordingPage({ params, searchParams }: { params: Promise<{ sessionId: string }>; searchParams: Promise<{ t?: string; q?: string }> }) {
  const [{ sessionId }, { t, q }] = await Promise.all([params, searchParams]);
  return <RecordingView sessionId={decodeURIComponent(sessionId)} startAt={parseStartTime(t ?? null)} initialQuery={typeof q === 'string' ? q : undefined} />;
}
