'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { isLivePhase, type ConnectionState, type Opening } from './session-connection';
import { StartSessionDialog } from './start-session-dialog';
import { sessionHref, sessionQuery } from './queries';
import { usePermissions } from '@/components/shell/queries';

// xterm touches the DOM when it loads: the terminal is rendered in the browser only.
const SessionTerminal = dynamic(() => import('./session-terminal'), {
  ssr: false,
  loading: () => <div className="h-full animate-pulse rounded-lg bg-slate-800" aria-label="Loading terminal" />,
});

interface Tab {
  key: number;
  opening: Opening;
  state?: ConnectionState;
}

const sessionIdOf = (tab: Tab) => tab.state?.sessionId ?? ('sessionId' in tab.opening ? tab.opening.sessionId : undefined);
const isLiveTab = (tab: Tab) => Boolean(tab.state && isLivePhase(tab.state.phase) && tab.state.sessionId);

/** A tab's name: the node's name once the session is known, its id before. */
function TabLabel({ tab }: { tab: Tab }) {
  const sessionId = sessionIdOf(tab);
  const { data } = useQuery({ ...sessionQuery(sessionId ?? ''), enabled: Boolean(sessionId) });
  const target = data?.nodeName ?? data?.target ?? tab.state?.nodeId ?? ('target' in tab.opening ? tab.opening.target : sessionId);
  return <span className="max-w-48 truncate">{target}</span>;
}

const TAB_DOTS: Record<ConnectionState['phase'], string> = {
  connecting: 'bg-sky-400',
  starting: 'bg-sky-400',
  attaching: 'bg-sky-400',
  live: 'bg-emerald-500',
  reconnecting: 'bg-amber-500',
  ended: 'bg-slate-400',
  failed: 'bg-red-500',
};

/** Asks before the browser tab closes while a shell is attached (browsers take Ctrl+W too). */
function useLeaveWarning(isNeeded: boolean) {
  useEffect(() => {
    if (!isNeeded) return;
    const handleBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium shows the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', handleBeforeUnload);
    return () => window.removeEventListener('beforeunload', handleBeforeUnload);
  }, [isNeeded]);
}

/**
 * The terminal page: one or more sessions as tabs. Every tab stays mounted (its shell keeps
 * drawing while another tab is in front); closing a tab detaches, leaving the shell resumable
 * for the grace period, while Terminate in the tab ends it. The address follows the session in
 * front, so a reload or a shared link re-attaches to it.
 */
export function SessionWorkspace({ initial }: { initial: Opening }) {
  const router = useRouter();
  const { can } = usePermissions();
  const [tabs, setTabs] = useState<Tab[]>(() => [{ key: 1, opening: initial }]);
  const [activeKey, setActiveKey] = useState(1);
  const [isPicking, setIsPicking] = useState(false);
  const nextKey = useRef(2);

  const active = tabs.find((tab) => tab.key === activeKey);
  const activeSessionId = active ? sessionIdOf(active) : undefined;
  useEffect(() => {
    // history.replaceState, not router.replace: a navigation would remount the page and with it
    // every terminal; Next.js keeps its router in step with the native call.
    if (activeSessionId && window.location.pathname !== sessionHref(activeSessionId)) window.history.replaceState(null, '', sessionHref(activeSessionId));
  }, [activeSessionId]);
  useLeaveWarning(tabs.some(isLiveTab));

  const handleStateChange = (key: number, state: ConnectionState) => setTabs((list) => list.map((tab) => (tab.key === key ? { ...tab, state } : tab)));
  const openTab = (opening: Opening) => {
    const key = nextKey.current++;
    setTabs((list) => [...list, { key, opening }]);
    setActiveKey(key);
  };
  const closeTab = (key: number) => {
    const rest = tabs.filter((tab) => tab.key !== key);
    if (rest.length === 0) return router.push('/sessions');
    setTabs(rest);
    if (key === activeKey) setActiveKey(rest.at(-1)!.key);
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-4">
        <div className="flex min-w-0 items-center gap-3">
          <Link href="/sessions" className="shrink-0 text-sm text-sky-700 hover:underline">← Session Manager</Link>
          <h1 className="sr-only">Session</h1>
        </div>
        <p className="hidden text-xs text-slate-500 lg:block">Copy: select, or Ctrl+Shift+C · Paste: Ctrl+Shift+V · Recorded</p>
      </div>
      <div className="flex items-end gap-1 border-b border-slate-200">
        <div role="tablist" aria-label="Sessions" className="flex min-w-0 items-end gap-1 overflow-x-auto">
          {tabs.map((tab) => (
            <div key={tab.key} className={`-mb-px flex items-center rounded-t-md border text-sm ${tab.key === activeKey ? 'border-slate-200 border-b-white bg-white font-medium text-slate-900' : 'border-transparent text-slate-600 hover:bg-slate-100'}`}>
              <button type="button" role="tab" aria-selected={tab.key === activeKey} aria-controls={`session-panel-${tab.key}`} id={`session-tab-${tab.key}`} className="flex items-center gap-2 py-1.5 pl-3 pr-1" onClick={() => setActiveKey(tab.key)}>
                <span className={`h-2 w-2 shrink-0 rounded-full ${TAB_DOTS[tab.state?.phase ?? 'connecting']}`} aria-hidden />
                <TabLabel tab={tab} />
              </button>
              <button type="button" className="mr-1 rounded px-1.5 text-slate-400 hover:bg-slate-200 hover:text-slate-700" aria-label="Close tab" title={isLiveTab(tab) ? 'Close the tab; the shell stays resumable for the grace period' : 'Close the tab'} onClick={() => closeTab(tab.key)}>
                ×
              </button>
            </div>
          ))}
        </div>
        {can('startSessions') && (
          <button type="button" className="mb-1 ml-1 shrink-0 rounded px-2 py-1 text-sm text-sky-700 hover:bg-sky-50" onClick={() => setIsPicking(true)}>
            + New session
          </button>
        )}
      </div>
      {tabs.map((tab) => (
        <div key={tab.key} role="tabpanel" id={`session-panel-${tab.key}`} aria-labelledby={`session-tab-${tab.key}`} hidden={tab.key !== activeKey} className="h-[calc(100vh-12.5rem)] min-h-80">
          <SessionTerminal opening={tab.opening} isActive={tab.key === activeKey} onStateChange={(state) => handleStateChange(tab.key, state)} />
        </div>
      ))}
      {isPicking && (
        <StartSessionDialog
          onCancel={() => setIsPicking(false)}
          onStart={(target) => {
            setIsPicking(false);
            openTab({ target });
          }}
        />
      )}
    </div>
  );
}
