'use client';

import { useQuery } from '@tanstack/react-query';
import { documentVersionsQuery } from './queries';
import { sizedInputClass } from '@/components/run-command/ui';

/** "3 (default) · reload": a version for a select option. */
export const versionLabel = (version: { DocumentVersion: string; VersionName?: string; IsDefaultVersion: boolean }) =>
  [version.DocumentVersion, version.IsDefaultVersion ? '(default)' : '', version.VersionName ? `· ${version.VersionName}` : ''].filter(Boolean).join(' ');

/** Picks one stored version of a document, newest first. */
export function VersionPicker({ name, value, onChange, label = 'Version' }: { name: string; value: string; onChange: (version: string) => void; label?: string }) {
  const { data } = useQuery(documentVersionsQuery(name));
  const versions = data?.versions ?? [];
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <select className={`${sizedInputClass} w-56`} value={value} onChange={(event) => onChange(event.target.value)} aria-label={label}>
        {!versions.some((version) => version.DocumentVersion === value) && <option value={value}>{value}</option>}
        {versions.map((version) => <option key={version.DocumentVersion} value={version.DocumentVersion}>{versionLabel(version)}</option>)}
      </select>
    </label>
  );
}
