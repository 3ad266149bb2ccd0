'use client';

import { useMemo, useState } from 'react';
import type { CastEvent } from './asciicast';
import { formatClock } from './playback';
import { buildTranscript, searchTranscript } from './transcript';
import { inputClass } from '@/components/settings/ui';

/** Text search in what the recording showed; choosing a match moves the player there and marks it. */
export function TranscriptSearch({ events, initialQuery = '', onShow }: { events: CastEvent[]; initialQuery?: string; onShow: (time: number, text: string) => void }) {
  const transcript = useMemo(() => buildTranscript(events), [events]);
  const [query, setQuery] = useState(initialQuery);
  const [current, setCurrent] = useState(-1);
  const matches = useMemo(() => searchTranscript(transcript, query), [transcript, query]);

  const show = (index: number) => {
    const match = matches[index];
    if (!match) return;
    setCurrent(index);
    onShow(match.time, query);
  };

  return (
    <aside aria-label="Transcript search" className="flex max-h-72 shrink-0 flex-col rounded-lg border border-slate-200 bg-white 2xl:max-h-none 2xl:w-80">
      <form
        className="space-y-1 border-b border-slate-200 p-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (matches.length > 0) show((current + 1) % matches.length);
        }}
      >
        <input type="search" aria-label="Search the transcript" placeholder="Find in this recording" className={`${inputClass} font-mono`} value={query} onChange={(event) => { setQuery(event.target.value); setCurrent(-1); }} />
        <p className="text-xs text-slate-500" role="status">
          {query.trim() ? (matches.length === 0 ? 'No match' : `${current >= 0 ? `${current + 1} of ` : ''}${matches.length}${matches.length === 200 ? '+' : ''} match${matches.length === 1 ? '' : 'es'} · Enter for the next`) : 'Type to search what the session showed.'}
        </p>
      </form>
      <ol aria-label="Matches" className="min-h-0 flex-1 divide-y divide-slate-100 overflow-y-auto text-xs">
        {matches.map((match, index) => (
          <li key={match.offset}>
            <button type="button" onClick={() => show(index)} className={`flex w-full gap-2 px-3 py-1.5 text-left hover:bg-slate-50 ${index === current ? 'bg-sky-50' : ''}`}>
              <span className="shrink-0 font-mono tabular-nums text-sky-700">{formatClock(match.time)}</span>
              <code className="truncate text-slate-700" title={match.line}>{match.line}</code>
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}
