'use client';

import { PLAYBACK_SPEEDS, formatClock } from './playback';

const controlButton = 'flex h-8 w-8 items-center justify-center rounded-full bg-sky-600 text-white hover:bg-sky-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-300';

function PlayIcon({ isPlaying }: { isPlaying: boolean }) {
  // Inline SVG: Debian's Chromium often has no emoji or symbol font for ▶ and ❚❚.
  return (
    <svg viewBox="0 0 16 16" className="h-3.5 w-3.5 fill-current" aria-hidden>
      {isPlaying ? <path d="M4 3h3v10H4zM9 3h3v10H9z" /> : <path d="M4.5 2.5v11l9-5.5z" />}
    </svg>
  );
}

/** Play/pause, the seek bar with the clock, and the speed. */
export function PlayerControls({ time, duration, isPlaying, speed, onTogglePlay, onSeek, onSpeed }: {
  time: number;
  duration: number;
  isPlaying: boolean;
  speed: number;
  onTogglePlay: () => void;
  onSeek: (seconds: number) => void;
  onSpeed: (speed: number) => void;
}) {
  return (
    <div className="flex items-center gap-3 border-t border-slate-800 bg-slate-900 px-3 py-2 text-xs text-slate-300">
      <button type="button" className={controlButton} onClick={onTogglePlay} aria-label={isPlaying ? 'Pause' : 'Play'}>
        <PlayIcon isPlaying={isPlaying} />
      </button>
      <span className="w-24 shrink-0 tabular-nums" data-testid="player-clock">{`${formatClock(time)} / ${formatClock(duration)}`}</span>
      <input
        type="range"
        aria-label="Seek"
        min={0}
        max={Math.max(duration, 0.01)}
        step={0.01}
        value={time}
        onChange={(event) => onSeek(Number(event.target.value))}
        className="h-1.5 flex-1 cursor-pointer accent-sky-500"
      />
      <label className="flex shrink-0 items-center gap-1.5">
        Speed
        <select aria-label="Speed" className="rounded border border-slate-600 bg-slate-800 px-1.5 py-1 text-xs text-slate-100" value={speed} onChange={(event) => onSpeed(Number(event.target.value))}>
          {PLAYBACK_SPEEDS.map((option) => <option key={option} value={option}>{`${option}×`}</option>)}
        </select>
      </label>
    </div>
  );
}
