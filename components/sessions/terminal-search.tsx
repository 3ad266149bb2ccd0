'use client';

import { useState } from 'react';
import type { TerminalSearch as Search } from './use-session-terminal';

const iconButton = 'rounded px-1.5 py-0.5 text-slate-300 hover:bg-slate-700 hover:text-white disabled:opacity-40';

/** Finds text in the terminal's screen and scrollback: Enter for the next match, Shift+Enter for the one before. */
export function TerminalSearch({ search, onDone }: { search: Search; onDone: () => void }) {
  const [text, setText] = useState('');
  const [isMissing, setIsMissing] = useState(false);
  const find = (direction: 'next' | 'previous') => {
    if (!text) return;
    setIsMissing(!search[direction](text));
  };
  return (
    <div role="search" aria-label="Search the terminal" className="flex items-center gap-1 rounded border border-slate-600 bg-slate-800 px-1.5 py-0.5">
      <input
        type="search"
        aria-label="Find in terminal"
        placeholder="Find in terminal"
        className="w-44 bg-transparent text-xs text-slate-100 placeholder:text-slate-400 focus:outline-none"
        value={text}
        autoFocus
        onChange={(event) => {
          setText(event.target.value);
          setIsMissing(false);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            find(event.shiftKey ? 'previous' : 'next');
          } else if (event.key === 'Escape') {
            search.clear();
            onDone();
          }
        }}
      />
      {isMissing && <span className="text-xs text-amber-300">No match</span>}
      <button type="button" className={iconButton} aria-label="Previous match" disabled={!text} onClick={() => find('previous')}>↑</button>
      <button type="button" className={iconButton} aria-label="Next match" disabled={!text} onClick={() => find('next')}>↓</button>
      <button type="button" className={iconButton} aria-label="Close search" onClick={() => { search.clear(); onDone(); }}>✕</button>
    </div>
  );
}
