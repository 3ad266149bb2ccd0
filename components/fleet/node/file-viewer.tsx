'use client';

import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { dateTime } from '@/components/lib/format';
import { buttonStyles } from '@/components/ui/notices';
import { LiveError, formatBytes } from './ui';
import { nodeFileDownloadUrl, nodeFileQuery } from './queries';

/** A text file in a read-only viewer, as text (never rendered as HTML), with its size and a download link. */
export function FileViewer({ nodeId, path, onClose }: { nodeId: string; path: string; onClose: () => void }) {
  const { data, error, isPending } = useQuery(nodeFileQuery(nodeId, path));
  const sectionRef = useRef<HTMLElement>(null);
  // Files are opened from anywhere in a long listing; bring the viewer (above it) into sight.
  useEffect(() => {
    sectionRef.current?.scrollIntoView({ block: 'nearest' });
  }, [path]);
  return (
    <section ref={sectionRef} aria-label={`File ${path}`} className="scroll-mt-4 rounded-lg border border-slate-300 bg-white">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-2">
        <div className="min-w-0">
          <h2 className="truncate font-mono text-sm font-semibold">{path}</h2>
          {data && (
            <p className="text-xs text-slate-500">
              <span data-testid="file-size">{formatBytes(data.size)}</span> · modified {dateTime(new Date(data.mtime).toISOString())}
              {data.realPath !== data.path && <> · a link to <span className="font-mono">{data.realPath}</span></>}
            </p>
          )}
        </div>
        <div className="flex gap-2">
          <a className={buttonStyles.secondary} href={nodeFileDownloadUrl(nodeId, path)} download>Download</a>
          <button type="button" className={buttonStyles.secondary} onClick={onClose}>Close</button>
        </div>
      </header>
      {error ? (
        <div className="p-4"><LiveError error={error} what={path} /></div>
      ) : isPending ? (
        <p className="p-4 text-sm text-slate-500">Reading {path}…</p>
      ) : (
        <pre aria-label="File content" className="max-h-[32rem] overflow-auto whitespace-pre p-4 font-mono text-xs leading-5 text-slate-800">{data.content}</pre>
      )}
    </section>
  );
}
