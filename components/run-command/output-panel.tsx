'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useQuery } from '@tanstack/react-query';
import { LIVE_TEXT_LIMIT_BYTES, outputKey, type OutputSnapshot, type OutputStore } from './output-store';
import { fullOutputQuery, outputDownloadHref, type Invocation } from './queries';
import { CommandStatusBadge } from './status-badge';
import { formatBytes } from '@/components/fleet/node/ui';
import { ErrorNotice } from '@/components/ui/notices';

const EMPTY: OutputSnapshot = { stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0, isCapped: false };

/** A terminal-like block that follows new output while the reader is at its end. */
function StreamBlock({ title, text, bytes, isLive, downloadHref, tone }: { title: string; text: string; bytes: number; isLive: boolean; downloadHref: string; tone: 'out' | 'err' }) {
  const ref = useRef<HTMLPreElement>(null);
  const isFollowing = useRef(true);
  useEffect(() => {
    const element = ref.current;
    if (element && isFollowing.current) element.scrollTop = element.scrollHeight;
  }, [text]);
  return (
    <section aria-label={title} className="min-w-0">
      <header className="flex items-center justify-between px-1 pb-1 text-xs text-slate-500">
        <span className="font-medium uppercase tracking-wide">{title}</span>
        <span className="flex items-center gap-3">
          <span className="tabular-nums">{formatBytes(bytes)}</span>
          {bytes > 0 && <a href={downloadHref} download className="text-sky-700 hover:underline">Download</a>}
        </span>
      </header>
      <pre
        ref={ref}
        onScroll={(event) => {
          const element = event.currentTarget;
          isFollowing.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
        }}
        className={`max-h-80 min-h-16 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-950 px-3 py-2 font-mono text-xs leading-5 ${tone === 'err' ? 'text-red-300' : 'text-slate-100'}`}
      >
        {text || <span className="text-slate-500">{isLive ? 'Waiting for output…' : 'No output.'}</span>}
      </pre>
    </section>
  );
}

/**
 * One node's output, per step: what the server holds when the panel opens, then each chunk as
 * the agent sends it (before the command finishes), decoded in order by byte offset.
 */
export function OutputPanel({ commandId, invocation, steps, store, isLive }: { commandId: string; invocation: Invocation; steps: { name: string; action: string }[]; store: OutputStore; isLive: boolean }) {
  const [plugin, setPlugin] = useState(0);
  const key = outputKey(invocation.InvocationId, plugin);
  useEffect(() => store.track(key), [store, key]);
  const full = useQuery(fullOutputQuery(commandId, invocation.InstanceId, plugin));
  useEffect(() => {
    if (full.data) store.applyFull(key, full.data);
  }, [store, key, full.data]);
  const snapshot = useSyncExternalStore(store.subscribe, () => store.snapshot(key), () => EMPTY);
  const step = invocation.CommandPlugins[plugin];
  const isRunning = isLive && !['Success', 'Failed', 'Cancelled', 'TimedOut'].includes(invocation.Status);

  return (
    <div className="space-y-3 bg-slate-50 px-5 py-4" role="region" aria-label={`Output of ${invocation.InstanceId}`}>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {steps.length > 1 && (
          <div role="tablist" aria-label="Steps" className="flex flex-wrap gap-1">
            {steps.map((candidate, index) => (
              <button
                key={candidate.name}
                type="button"
                role="tab"
                aria-selected={plugin === index}
                onClick={() => setPlugin(index)}
                className={`rounded px-2 py-1 text-xs font-medium ${plugin === index ? 'bg-sky-600 text-white' : 'bg-white text-slate-600 ring-1 ring-slate-200 hover:bg-slate-100'}`}
              >
                {`${index + 1}. ${candidate.name}`}
              </button>
            ))}
          </div>
        )}
        {step && <CommandStatusBadge status={step.Status} details={step.StatusDetails} />}
        {step && step.ResponseCode >= 0 && <span className="text-slate-600">{`Exit code ${step.ResponseCode}`}</span>}
        <span className="text-xs text-slate-500">{steps[plugin] ? `${steps[plugin].action} · step ${steps[plugin].name}` : ''}</span>
        {isRunning && <span className="flex items-center gap-1.5 text-xs text-sky-700"><span className="h-1.5 w-1.5 animate-pulse rounded-full bg-sky-500" aria-hidden />live</span>}
      </div>
      {step?.Message && <p className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{step.Message}</p>}
      {full.error && <ErrorNotice error={full.error} />}
      {snapshot.isCapped && (
        <p className="text-xs text-amber-800">{`Showing the first ${formatBytes(LIVE_TEXT_LIMIT_BYTES)} of each stream; download it for the rest.`}</p>
      )}
      <div className="grid gap-3 lg:grid-cols-2">
        <StreamBlock title="Standard output" text={snapshot.stdout} bytes={snapshot.stdoutBytes} isLive={isRunning} downloadHref={outputDownloadHref(commandId, invocation.InstanceId, plugin, 'stdout')} tone="out" />
        <StreamBlock title="Standard error" text={snapshot.stderr} bytes={snapshot.stderrBytes} isLive={isRunning} downloadHref={outputDownloadHref(commandId, invocation.InstanceId, plugin, 'stderr')} tone="err" />
      </div>
    </div>
  );
}
