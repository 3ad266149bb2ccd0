'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { documentVersionsQuery, useSetDefaultVersion } from './queries';
import { VersionDiffView } from './version-diff';
import { versionLabel } from './version-picker';
import { Badge, Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { dateTime } from '@/components/lib/format';
import { sizedInputClass } from '@/components/run-command/ui';

/** Every version, newest first: view one, make one the default, compare any two. */
export function VersionsTab({ name, canSetDefault, onView }: { name: string; canSetDefault: boolean; onView: (version: string) => void }) {
  const { data, error, isPending } = useQuery(documentVersionsQuery(name));
  const setDefault = useSetDefaultVersion(name);
  const versions = data?.versions ?? [];
  const [picked, setPicked] = useState<{ from?: string; to?: string }>({});
  // Until the user picks, compare the latest version with the one before it.
  const from = picked.from ?? versions[1]?.DocumentVersion ?? versions[0]?.DocumentVersion ?? '';
  const to = picked.to ?? versions[0]?.DocumentVersion ?? '';
  const [compared, setCompared] = useState<{ from: string; to: string } | null>(null);

  return (
    <div className="space-y-5">
      <Section title="Versions" description="The default version is the one that runs when a command does not name a version.">
        {error && <div className="p-5"><ErrorNotice error={error} /></div>}
        {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading versions…</p>}
        {setDefault.error && <div className="px-5 pt-4"><ErrorNotice error={setDefault.error} /></div>}
        {data && (
          <DataTable label="Versions" columns={['Version', 'Version name', 'Format', 'Created', 'Created by']} hasActions>
            {versions.map((version) => (
              <tr key={version.DocumentVersion} className="hover:bg-slate-50">
                <td className={`${tableStyles.td} tabular-nums`}>
                  <span className="flex items-center gap-2">
                    {version.DocumentVersion}
                    {version.IsDefaultVersion && <Badge tone="emerald">Default</Badge>}
                  </span>
                </td>
                <td className={`${tableStyles.td} text-slate-600`}>{version.VersionName ?? '—'}</td>
                <td className={`${tableStyles.td} text-slate-600`}>{version.DocumentFormat}</td>
                <td className={`${tableStyles.td} text-slate-600`}>{dateTime(version.CreatedDate)}</td>
                <td className={`${tableStyles.td} text-slate-600`}>{version.CreatedBy ?? '—'}</td>
                <td className={`${tableStyles.td} text-right`}>
                  <span className="flex justify-end gap-3">
                    <button type="button" className={linkClass} onClick={() => onView(version.DocumentVersion)} aria-label={`View version ${version.DocumentVersion}`}>View</button>
                    {canSetDefault && !version.IsDefaultVersion && (
                      <button
                        type="button"
                        className={linkClass}
                        disabled={setDefault.isPending}
                        onClick={() => setDefault.mutate(version.DocumentVersion)}
                        aria-label={`Set version ${version.DocumentVersion} as default`}
                      >
                        Set as default
                      </button>
                    )}
                  </span>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {data?.hasMore && <p className="border-t border-slate-200 px-5 py-2 text-xs text-slate-500">The newest 200 versions are listed.</p>}
      </Section>

      {versions.length > 1 && (
        <Section title="Compare versions" description="Lines removed from the first version are red; lines added in the second are green.">
          <form
            className="flex flex-wrap items-end gap-3 px-5 py-4"
            aria-label="Compare versions"
            onSubmit={(event) => {
              event.preventDefault();
              setCompared({ from, to });
            }}
          >
            {(['from', 'to'] as const).map((side) => (
              <label key={side} className="text-sm">
                <span className="mb-1 block font-medium">{side === 'from' ? 'From version' : 'To version'}</span>
                <select className={`${sizedInputClass} w-56`} value={side === 'from' ? from : to} onChange={(event) => setPicked({ from, to, [side]: event.target.value })}>
                  {versions.map((version) => <option key={version.DocumentVersion} value={version.DocumentVersion}>{versionLabel(version)}</option>)}
                </select>
              </label>
            ))}
            <button type="submit" className={buttonStyles.secondary} disabled={from === to}>Compare</button>
            {from === to && <span className="pb-1.5 text-xs text-slate-500">Pick two different versions.</span>}
          </form>
          {compared && <VersionDiffView name={name} from={compared.from} to={compared.to} />}
        </Section>
      )}
    </div>
  );
}
