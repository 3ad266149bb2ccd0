'use client';

import { useQuery } from '@tanstack/react-query';
import type { DirectoryEntry } from '@/agent/protocol';
import { dateTime } from '@/components/lib/format';
import { LiveError, formatBytes, formatMode, nodeTable } from './ui';
import { FileViewer } from './file-viewer';
import { nodeDirectoryQuery, nodeFileDownloadUrl, type NodeAccess } from './queries';

const join = (folder: string, name: string) => (folder === '/' ? `/${name}` : `${folder}/${name}`);

/** '/etc/ssh' → [['/', '/'], ['etc', '/etc'], ['ssh', '/etc/ssh']] */
function crumbs(path: string): [string, string][] {
  const parts = path.split('/').filter(Boolean);
  return [['/', '/'], ...parts.map((part, index): [string, string] => [part, `/${parts.slice(0, index + 1).join('/')}`])];
}

const isFolder = (entry: DirectoryEntry) => entry.type === 'directory' || (entry.type === 'symlink' && entry.targetType === 'directory');
const isReadable = (entry: DirectoryEntry) => entry.type === 'file' || (entry.type === 'symlink' && entry.targetType === 'file');

const TYPE_LABELS: Record<string, string> = { 'block-device': 'block device', 'char-device': 'character device' };

// Inline SVG rather than emoji: servers' browsers (Debian's Chromium included) often lack an emoji font.
const ICON_PATHS = {
  folder: 'M2 4.5A1.5 1.5 0 0 1 3.5 3h3.17a1.5 1.5 0 0 1 1.06.44L8.8 4.5h3.7A1.5 1.5 0 0 1 14 6v5.5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 11.5z',
  file: 'M4 2h5l3 3v8.5a.5.5 0 0 1-.5.5h-7a.5.5 0 0 1-.5-.5v-11A.5.5 0 0 1 4 2zm5 0v3h3',
  link: 'M6.5 9.5l3-3M7 4.5l1-1a2.5 2.5 0 0 1 3.5 3.5l-1 1M9 11.5l-1 1A2.5 2.5 0 0 1 4.5 9l1-1',
};

function EntryIcon({ kind }: { kind: keyof typeof ICON_PATHS }) {
  return (
    <svg viewBox="0 0 16 16" className={`h-4 w-4 shrink-0 ${kind === 'folder' ? 'fill-sky-200 stroke-sky-600' : 'fill-none stroke-slate-500'}`} strokeWidth={1.2} aria-hidden>
      <path d={ICON_PATHS[kind]} />
    </svg>
  );
}

function EntryName({ entry, path, onOpenFolder, onOpenFile, canRead }: { entry: DirectoryEntry; path: string; onOpenFolder: (path: string) => void; onOpenFile: (path: string) => void; canRead: boolean }) {
  const target = join(path, entry.name);
  const icon = isFolder(entry) ? 'folder' : entry.type === 'symlink' ? 'link' : 'file';
  const label = isFolder(entry) ? (
    <button type="button" className="text-sky-700 hover:underline" onClick={() => onOpenFolder(target)}>{entry.name}</button>
  ) : isReadable(entry) && canRead ? (
    <button type="button" className="text-sky-700 hover:underline" onClick={() => onOpenFile(target)}>{entry.name}</button>
  ) : (
    <span>{entry.name}</span>
  );
  return (
    <span className="flex items-center gap-2">
      <EntryIcon kind={icon} />
      {label}
      {entry.type === 'symlink' && (
        <span className="text-xs text-slate-500">→ {entry.linkTarget ?? '?'}{entry.targetType === 'missing' ? ' (missing)' : ''}</span>
      )}
    </span>
  );
}

/** A breadcrumb file browser from `/`: open folders, view text files, download files. */
export function FilesTab({ nodeId, access, path, file, onNavigate }: { nodeId: string; access: NodeAccess; path: string; file?: string; onNavigate: (path: string, file?: string) => void }) {
  const { data, error, isPending } = useQuery(nodeDirectoryQuery(nodeId, path));

  return (
    <div className="space-y-4">
      <nav aria-label="Folder path" className="flex flex-wrap items-center gap-1 font-mono text-sm">
        {crumbs(path).map(([label, target], index, all) => (
          <span key={target} className="flex items-center gap-1">
            {index > 1 && <span className="text-slate-400">/</span>}
            {index === all.length - 1 ? (
              <span aria-current="page" className="font-semibold text-slate-900">{label}</span>
            ) : (
              <button type="button" className="text-sky-700 hover:underline" onClick={() => onNavigate(target)}>{label}</button>
            )}
          </span>
        ))}
      </nav>
      {file && <FileViewer nodeId={nodeId} path={file} onClose={() => onNavigate(path)} />}
      {error ? (
        <LiveError error={error} what={`the folder ${path}`} />
      ) : isPending ? (
        <p className="text-sm text-slate-500">Listing {path}…</p>
      ) : (
        <>
          {(data.realPath !== data.path || data.truncated) && (
            <p className="text-sm text-slate-600">
              {data.realPath !== data.path && <>This folder is reached through a link; it is <span className="font-mono">{data.realPath}</span>. </>}
              {data.truncated && <>Showing {data.entries.length} of {data.total} entries.</>}
            </p>
          )}
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className={nodeTable.table} aria-label={`Files in ${path}`}>
              <thead className={nodeTable.head}>
                <tr>
                  {['Name', 'Type', 'Size', 'Permissions', 'Owner', 'Modified'].map((column) => (
                    <th key={column} scope="col" className={nodeTable.th}>{column}</th>
                  ))}
                  <th scope="col" className={nodeTable.th}><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className={nodeTable.body}>
                {data.entries.length === 0 && (
                  <tr><td colSpan={7} className={`${nodeTable.td} text-slate-500`}>This folder is empty.</td></tr>
                )}
                {data.entries.map((entry) => (
                  <tr key={entry.name}>
                    <td className={nodeTable.td}>
                      <EntryName entry={entry} path={path} canRead={access.canReadFiles} onOpenFolder={(target) => onNavigate(target)} onOpenFile={(target) => onNavigate(path, target)} />
                    </td>
                    <td className={`${nodeTable.td} text-slate-600`}>{TYPE_LABELS[entry.type] ?? entry.type}</td>
                    <td className={`${nodeTable.td} tabular-nums`}>{entry.type === 'file' ? formatBytes(entry.size) : '—'}</td>
                    <td className={`${nodeTable.td} font-mono text-xs`}>{formatMode(entry.mode)}</td>
                    <td className={nodeTable.td}>{entry.owner ?? entry.uid}:{entry.group ?? entry.gid}</td>
                    <td className={`${nodeTable.td} whitespace-nowrap text-slate-600`}>{dateTime(new Date(entry.mtime).toISOString())}</td>
                    <td className={`${nodeTable.td} whitespace-nowrap text-right`}>
                      {isReadable(entry) && access.canReadFiles && (
                        <a className="text-sky-700 hover:underline" href={nodeFileDownloadUrl(nodeId, join(path, entry.name))} download aria-label={`Download ${entry.name}`}>
                          Download
                        </a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
