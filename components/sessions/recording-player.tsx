'use client';

import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import type { Cast } from './asciicast';
import { PlayerControls } from './player-controls';
import { TranscriptSearch } from './transcript-search';
import { usePlayer } from './use-player';

/**
 * The player proper (client-only: xterm needs the DOM): the screen, the controls under it and
 * the transcript search beside it.
 */
export default function RecordingPlayer({ cast, startAt, initialQuery }: { cast: Cast; startAt: number; initialQuery?: string }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const player = usePlayer(containerRef, cast, startAt);
  const { showMatch } = player;
  // Opened from a search hit: show that moment with the text marked.
  useEffect(() => {
    if (initialQuery && startAt > 0) void showMatch(startAt, initialQuery);
  }, [initialQuery, startAt, showMatch]);
  return (
    // The transcript goes beside the screen only on very wide windows: a recording keeps the
    // columns it was made with, and the screen needs the width more than the list does.
    <div className="flex min-h-0 flex-col gap-4 2xl:flex-row">
      <div className="flex min-w-0 flex-1 flex-col overflow-hidden rounded-lg border border-slate-800 bg-[#0b1220] shadow-lg shadow-slate-900/10">
        <div className="min-h-0 flex-1 overflow-auto p-3">
          <div ref={containerRef} data-testid="player-screen" aria-label="Recording screen" role="region" />
        </div>
        <PlayerControls
          time={player.time}
          duration={cast.duration}
          isPlaying={player.isPlaying}
          speed={player.speed}
          onTogglePlay={player.togglePlay}
          onSeek={(seconds) => void player.seek(seconds)}
          onSpeed={player.setSpeed}
        />
      </div>
      <TranscriptSearch events={cast.events} initialQuery={initialQuery} onShow={(time, text) => void player.showMatch(time, text)} />
    </div>
  );
}
