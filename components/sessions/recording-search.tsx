'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '@/components/documents/use-document-lint';
import { dateTime } from '@/components/lib/format';
import { Section, inputClass, linkClass } from '@/components/settings/ui';
import { ErrorNotice } from '@/components/ui/notices';
import { formatClock } from './playback';
import { recordingHref, recordingSearchQuery } from './queries';

const MATCHES_SHOWN = 5;

/** Finds a command (any text) in every recording the user may read; each hit opens the player at that moment. */
export function RecordingSearch() {
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), 400);
  const { data, error, isFetching } = useQuery(recordingSearchQuery(query));

  return (
    <Section title="Search recordings" description="Who ran what, where: text shown in any session you may read, with the moment it appeared.">
      <div className="border-b border-slate-200 bg-slate-50/60 px-5 py-3">
        <input type="search" aria-label="Text to find in recordings" placeholder="A command or any text, e.g. systemctl restart" className={`${inputClass} font-mono`} value={text} onChange={(event) => setText(event.target.value)} />
      </div>
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {query && isFetching && !data && <p className="px-5 py-3 text-sm text-slate-500">Searching…</p>}
      {query && data && data.results.length === 0 && <p className="px-5 py-3 text-sm text-slate-500">{`No recording shows “${query}”.`}</p>}
      {query && data && data.results.length > 0 && (
        <ul aria-label="Recording matches" className="divide-y divide-slate-100">
          {data.results.map((result) => (
            <li key={result.sessionId} className="px-5 py-3 text-sm">
              <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <span className="font-medium">{result.owner}</span>
                <span className="font-mono text-xs text-slate-600">{result.target}</span>
                <span className="text-xs text-slate-500">{dateTime(result.startDate)}</span>
                <span className="font-mono text-xs text-slate-400">{result.sessionId}</span>
              </p>
              <ul className="mt-1.5 space-y-1">
                {result.matches.slice(0, MATCHES_SHOWN).map((match, index) => (
                  <li key={index} className="flex items-baseline gap-3">
                    <Link href={recordingHref(result.sessionId, match.time, query)} className={`${linkClass} shrink-0 font-mono text-xs tabular-nums`} aria-label={`Play ${result.sessionId} at ${formatClock(match.time)}`}>
                      {formatClock(match.time)}
                    </Link>
                    <code className="truncate rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">{match.text}</code>
                  </li>
                ))}
                {result.matches.length > MATCHES_SHOWN && <li className="text-xs text-slate-500">{`and ${result.matches.length - MATCHES_SHOWN} more in this recording`}</li>}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
