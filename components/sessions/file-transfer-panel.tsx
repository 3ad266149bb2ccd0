'use client';

import { useRef, useState, type DragEvent } from 'react';
import { sessionFileUrl } from './queries';
import { baseName, checkDownloadPath, downloadFile, remotePathFor, uploadFile, type Progress } from './transfer';
import { formatBytes } from '@/components/fleet/node/ui';
import { inputClass } from '@/components/settings/ui';
import { buttonStyles } from '@/components/ui/notices';

interface Transfer {
  id: number;
  direction: 'upload' | 'download';
  path: string;
  progress: Progress;
  state: 'running' | 'done' | 'failed';
  error?: string;
}

function ProgressLine({ transfer }: { transfer: Transfer }) {
  const { loaded, total } = transfer.progress;
  const percent = total ? Math.min(100, Math.round((loaded / total) * 100)) : undefined;
  const verb = transfer.direction === 'upload' ? 'Uploaded to' : 'Downloaded';
  return (
    <li className="space-y-1 py-2 text-xs" aria-label={`${transfer.direction === 'upload' ? 'Upload' : 'Download'} ${transfer.path}`}>
      <div className="flex items-center justify-between gap-2">
        <span className="truncate font-mono text-slate-700" title={transfer.path}>{transfer.path}</span>
        <span className="shrink-0 tabular-nums text-slate-500">{total ? `${formatBytes(loaded)} of ${formatBytes(total)}` : formatBytes(loaded)}</span>
      </div>
      {transfer.state === 'running' && (
        <div className="h-1.5 overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label={`Progress of ${transfer.path}`}>
          <div className={`h-full bg-sky-500 ${percent === undefined ? 'w-1/3 animate-pulse' : ''}`} style={percent === undefined ? undefined : { width: `${percent}%` }} />
        </div>
      )}
      {transfer.state === 'done' && <p role="status" className="text-emerald-700">{`${verb} ${transfer.direction === 'upload' ? transfer.path : baseName(transfer.path)}`}</p>}
      {transfer.state === 'failed' && <p role="alert" className="text-red-700">{`Could not ${transfer.direction} ${baseName(transfer.path)}: ${transfer.error}`}</p>}
    </li>
  );
}

/**
 * Files to and from the node of this session, streamed through its agent (authorised and
 * audited by the server like the session itself): drop files to upload them into a remote
 * folder; name a remote file to download it.
 */
export function FileTransferPanel({ sessionId, isLive }: { sessionId: string; isLive: boolean }) {
  const [folder, setFolder] = useState('/tmp');
  const [downloadPath, setDownloadPath] = useState('');
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const [isDragging, setIsDragging] = useState(false);
  const [pathError, setPathError] = useState<string>();
  const nextId = useRef(1);
  const fileInput = useRef<HTMLInputElement>(null);

  const begin = (direction: Transfer['direction'], path: string, total?: number) => {
    const id = nextId.current++;
    setTransfers((list) => [{ id, direction, path, progress: { loaded: 0, total }, state: 'running' as const }, ...list].slice(0, 20));
    const patch = (change: Partial<Transfer>) => setTransfers((list) => list.map((transfer) => (transfer.id === id ? { ...transfer, ...change } : transfer)));
    return {
      onProgress: (progress: Progress) => patch({ progress }),
      done: () => patch({ state: 'done' }),
      failed: (error: unknown) => patch({ state: 'failed', error: error instanceof Error ? error.message : String(error) }),
    };
  };

  const handleFiles = (files: FileList | File[]) => {
    setPathError(undefined);
    for (const file of Array.from(files)) {
      const target = remotePathFor(folder, file.name);
      if ('error' in target) {
        setPathError(target.error);
        return;
      }
      const transfer = begin('upload', target.path, file.size);
      uploadFile(sessionFileUrl(sessionId, target.path), file, transfer.onProgress).then(transfer.done, transfer.failed);
    }
  };

  const handleDownload = () => {
    const problem = checkDownloadPath(downloadPath);
    setPathError(problem);
    if (problem) return;
    const path = downloadPath.trim();
    const transfer = begin('download', path);
    downloadFile(sessionFileUrl(sessionId, path), baseName(path), transfer.onProgress).then(transfer.done, transfer.failed);
  };

  const handleDrop = (event: DragEvent) => {
    event.preventDefault();
    setIsDragging(false);
    if (isLive) handleFiles(event.dataTransfer.files);
  };

  return (
    <aside aria-label="File transfer" className="flex w-80 shrink-0 flex-col gap-4 overflow-y-auto border-l border-slate-200 bg-white p-4 text-sm">
      <section className="space-y-2" aria-label="Upload">
        <h3 className="font-medium">Upload to the node</h3>
        <label className="block text-xs text-slate-600">
          Remote folder
          <input className={`${inputClass} mt-1 font-mono`} value={folder} onChange={(event) => setFolder(event.target.value)} spellCheck={false} />
        </label>
        <div
          onDragOver={(event) => {
            event.preventDefault();
            setIsDragging(true);
          }}
          onDragLeave={() => setIsDragging(false)}
          onDrop={handleDrop}
          data-testid="upload-drop-zone"
          className={`rounded-lg border-2 border-dashed px-3 py-5 text-center text-xs ${isDragging ? 'border-sky-500 bg-sky-50 text-sky-800' : 'border-slate-300 text-slate-500'}`}
        >
          Drop files here, or{' '}
          <button type="button" className="text-sky-700 underline disabled:text-slate-400" disabled={!isLive} onClick={() => fileInput.current?.click()}>choose files</button>
          <input
            ref={fileInput}
            type="file"
            multiple
            className="hidden"
            aria-label="Files to upload"
            onChange={(event) => {
              if (event.target.files) handleFiles(event.target.files);
              event.target.value = '';
            }}
          />
        </div>
      </section>
      <section className="space-y-2" aria-label="Download">
        <h3 className="font-medium">Download from the node</h3>
        <form
          className="flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            handleDownload();
          }}
        >
          <input className={`${inputClass} font-mono`} aria-label="Remote file path" placeholder="/var/log/syslog" value={downloadPath} onChange={(event) => setDownloadPath(event.target.value)} spellCheck={false} />
          <button type="submit" className={buttonStyles.secondary} disabled={!isLive || !downloadPath.trim()}>Download</button>
        </form>
      </section>
      {!isLive && <p className="text-xs text-slate-500">Files move while the session is connected.</p>}
      {pathError && <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800">{pathError}</p>}
      {transfers.length > 0 && <ul aria-label="Transfers" className="divide-y divide-slate-100">{transfers.map((transfer) => <ProgressLine key={transfer.id} transfer={transfer} />)}</ul>}
    </aside>
  );
}
