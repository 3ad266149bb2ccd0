'use client';

import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '@/components/settings/confirm-dialog';
import { ConnectionBanner } from './connection-banner';
import { FileTransferPanel } from './file-transfer-panel';
import { TerminalSearch } from './terminal-search';
import { useSessionTerminal } from './use-session-terminal';
import { isLivePhase, type ConnectionState, type Opening } from './session-connection';

const toolButton = 'rounded px-2 py-1 text-xs font-medium text-slate-300 hover:bg-slate-700 hover:text-white disabled:opacity-40 aria-pressed:bg-slate-700 aria-pressed:text-white';

const PHASE_WORDS: Record<ConnectionState['phase'], string> = {
  connecting: 'Connecting…',
  starting: 'Starting session…',
  attaching: 'Attaching…',
  live: 'Connected',
  reconnecting: 'Reconnecting…',
  ended: 'Ended',
  failed: 'Not connected',
};
const PHASE_DOTS: Record<ConnectionState['phase'], string> = {
  connecting: 'bg-sky-400 animate-pulse',
  starting: 'bg-sky-400 animate-pulse',
  attaching: 'bg-sky-400 animate-pulse',
  live: 'bg-emerald-400',
  reconnecting: 'bg-amber-400 animate-pulse',
  ended: 'bg-slate-500',
  failed: 'bg-red-500',
};

function ConnectionSummary({ state }: { state: ConnectionState }) {
  return (
    <div className="flex min-w-0 items-center gap-3 text-xs text-slate-300">
      <span className="flex items-center gap-1.5" data-testid="connection-phase" data-phase={state.phase}>
        <span className={`h-2 w-2 rounded-full ${PHASE_DOTS[state.phase]}`} aria-hidden />
        {PHASE_WORDS[state.phase]}
      </span>
      {state.runAs && <span>as <span className="font-mono text-slate-100">{state.runAs}</span></span>}
      {state.sessionId && <span className="truncate font-mono text-slate-400" data-testid="session-id">{state.sessionId}</span>}
    </div>
  );
}

/**
 * One session tab: toolbar, banners, the xterm screen, and the file transfer panel. Client-only
 * (xterm needs the DOM); the workspace loads it with next/dynamic and no server rendering.
 */
export default function SessionTerminal({ opening, isActive, onStateChange }: { opening: Opening; isActive: boolean; onStateChange: (state: ConnectionState) => void }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const { state, search, terminate, focus } = useSessionTerminal(containerRef, opening, isActive);
  const [isSearching, setIsSearching] = useState(false);
  const [isFilesOpen, setIsFilesOpen] = useState(false);
  const [isConfirming, setIsConfirming] = useState(false);
  const onStateChangeRef = useRef(onStateChange);

  useEffect(() => {
    onStateChangeRef.current = onStateChange;
  });
  useEffect(() => onStateChangeRef.current(state), [state]);

  const isLive = state.phase === 'live';
  return (
    <div className="flex h-full min-h-0 flex-col overflow-hidden rounded-lg border border-slate-800 bg-[#0b1220] shadow-lg shadow-slate-900/10">
      <div className="flex items-center justify-between gap-3 border-b border-slate-800 bg-slate-900 px-3 py-1.5">
        <ConnectionSummary state={state} />
        <div className="flex items-center gap-1">
          {isSearching ? (
            <TerminalSearch search={search} onDone={() => { setIsSearching(false); focus(); }} />
          ) : (
            <button type="button" className={toolButton} onClick={() => setIsSearching(true)} title="Find in the screen and scrollback">Find</button>
          )}
          <button type="button" className={toolButton} aria-pressed={isFilesOpen} disabled={!state.sessionId} onClick={() => setIsFilesOpen((open) => !open)}>Files</button>
          <button
            type="button"
            className="rounded px-2 py-1 text-xs font-medium text-red-300 hover:bg-red-500/20 hover:text-red-200 disabled:opacity-40"
            disabled={!isLivePhase(state.phase) || !state.sessionId}
            onClick={() => setIsConfirming(true)}
          >
            Terminate
          </button>
        </div>
      </div>
      <div className="flex min-h-0 flex-1 bg-white">
        <div className="relative min-w-0 flex-1 bg-[#0b1220] py-2 pl-3 pr-1" onClick={focus}>
          {/* Floating over the screen's top right, not above it: a banner that took space would
              resize the PTY, and the shell's redraw would count as activity (an idle warning would
              cancel itself). The right keeps the prompt, at the left, in view. */}
          <div className="absolute right-3 top-3 z-10 flex w-[min(34rem,calc(100%-1.5rem))] flex-col gap-2">
            <ConnectionBanner state={state} target={'target' in opening ? opening.target : undefined} />
          </div>
          <div ref={containerRef} className="h-full w-full" data-testid="terminal" aria-label="Terminal" role="application" />
        </div>
        {isFilesOpen && state.sessionId && <FileTransferPanel sessionId={state.sessionId} isLive={isLive} />}
      </div>
      {isConfirming && (
        <ConfirmDialog
          title="Terminate this session?"
          confirmLabel="Terminate"
          onCancel={() => setIsConfirming(false)}
          onConfirm={() => {
            terminate();
            setIsConfirming(false);
          }}
        >
          <p>The shell and everything running in it on the node are ended now. The recording is kept.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
