'use client';

import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { parameterHistoryQuery, parameterKeys, type HistoryVersion, type ParameterDetail } from './queries';
import { AttachLabelsForm, LabelChips } from './version-labels';
import { ValueDiff } from './value-diff';
import { TierBadge, userNameOf } from './badges';
import { Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { dateTime } from '@/components/lib/format';
import { sizedInputClass } from '@/components/run-command/ui';

const HIDDEN = '••••••••';

/** A value in one table cell, on one line (⏎ for line breaks), cut short; the whole value is in the diff. */
function ValueCell({ value }: { value: string | null }) {
  if (value === null) return <span className="font-mono tracking-widest text-slate-400" aria-label="Hidden value">{HIDDEN}</span>;
  return <code className="block max-w-xs truncate font-mono text-xs" title={value}>{value.replace(/\n/g, ' ⏎ ')}</code>;
}

function CompareVersions({ versions, valueOf }: { versions: HistoryVersion[]; valueOf: (version: number) => string | null }) {
  const [picked, setPicked] = useState<{ from?: number; to?: number }>({});
  // Until the user picks, compare the latest version with the one before it.
  const from = picked.from ?? versions[1]?.Version ?? versions[0]!.Version;
  const to = picked.to ?? versions[0]!.Version;
  const fromValue = valueOf(from);
  const toValue = valueOf(to);
  return (
    <Section title="Compare versions" description="Lines removed from the first version are red; lines added in the second are green.">
      <div className="flex flex-wrap items-end gap-3 px-5 py-4">
        {(['from', 'to'] as const).map((side) => (
          <label key={side} className="text-sm">
            <span className="mb-1 block font-medium">{side === 'from' ? 'From version' : 'To version'}</span>
            <select className={`${sizedInputClass} w-40`} value={side === 'from' ? from : to} onChange={(event) => setPicked({ from, to, [side]: Number(event.target.value) })}>
              {versions.map((version) => <option key={version.Version} value={version.Version}>{version.Version}</option>)}
            </select>
          </label>
        ))}
        {from === to && <span className="pb-1.5 text-xs text-slate-500">Pick two different versions.</span>}
      </div>
      {from !== to &&
        (fromValue === null || toValue === null ? (
          <p className="border-t border-slate-200 px-5 py-4 text-sm text-slate-500">The values are hidden. Show values above to compare them.</p>
        ) : (
          <ValueDiff from={{ version: from, value: fromValue }} to={{ version: to, value: toValue }} />
        ))}
    </Section>
  );
}

/**
 * Every kept version, newest first, with its labels; attach, move and remove labels; compare two
 * versions' values. A SecureString's values stay hidden until "Show values" (an audited read).
 */
export function HistoryTab({ detail }: { detail: ParameterDetail }) {
  const { parameter, permissions } = detail;
  const name = parameter.Name;
  const isSecret = parameter.Type === 'SecureString';
  const [isRevealed, setIsRevealed] = useState(false);
  const queryClient = useQueryClient();
  const history = useQuery(parameterHistoryQuery(name, false));
  const decrypted = useQuery({ ...parameterHistoryQuery(name, true), enabled: isSecret && isRevealed });
  const [labelVersion, setLabelVersion] = useState<number | null>(null);
  const labelInput = useRef<HTMLInputElement>(null);
  const versions = history.data ?? [];

  // Labels always come from the plain history; decrypted values only fill in the values.
  const valueOf = (version: number): string | null => {
    if (!isSecret) return versions.find((entry) => entry.Version === version)?.Value ?? null;
    return isRevealed ? (decrypted.data?.find((entry) => entry.Version === version)?.Value ?? null) : null;
  };

  // Hiding drops the plaintext from the page's cache too, not just from view.
  const handleHide = () => {
    setIsRevealed(false);
    queryClient.removeQueries({ queryKey: parameterKeys.history(name, true) });
  };

  const revealButton = isSecret && permissions.canReveal && (
    <button type="button" className={buttonStyles.secondary} disabled={decrypted.isFetching} onClick={() => (isRevealed ? handleHide() : setIsRevealed(true))}>
      {isRevealed ? 'Hide values' : decrypted.isFetching ? 'Decrypting…' : 'Show values'}
    </button>
  );

  return (
    <div className="space-y-5">
      <Section
        title="Version history"
        description={isSecret ? 'Values are hidden. Showing them decrypts every version listed, and is recorded in the audit trail.' : 'The newest 100 versions are kept; a labelled version is never dropped.'}
        actions={revealButton}
      >
        {history.error && <div className="p-5"><ErrorNotice error={history.error} /></div>}
        {decrypted.error && <div className="p-5"><ErrorNotice error={decrypted.error} /></div>}
        {history.isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading versions…</p>}
        {versions.length > 0 && (
          <DataTable label="Versions" columns={['Version', 'Value', 'Labels', 'Tier', 'Modified', 'Modified by']} hasActions={permissions.canLabel}>
            {versions.map((version) => (
              <tr key={version.Version} className="hover:bg-slate-50">
                <td className={`${tableStyles.td} tabular-nums font-medium`}>{version.Version}</td>
                <td className={tableStyles.td}><ValueCell value={valueOf(version.Version)} /></td>
                <td className={tableStyles.td}><LabelChips name={name} version={version.Version} labels={version.Labels} canRemove={permissions.canUnlabel} /></td>
                <td className={tableStyles.td}><TierBadge tier={version.Tier} /></td>
                <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>{dateTime(version.LastModifiedDate)}</td>
                <td className={`${tableStyles.td} text-slate-600`} title={version.LastModifiedUser}>{userNameOf(version.LastModifiedUser)}</td>
                {permissions.canLabel && (
                  <td className={`${tableStyles.td} text-right`}>
                    <button
                      type="button"
                      className={linkClass}
                      aria-label={`Add label to version ${version.Version}`}
                      onClick={() => {
                        setLabelVersion(version.Version);
                        labelInput.current?.focus();
                      }}
                    >
                      Add label
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
      {permissions.canLabel && versions.length > 0 && (
        <Section title="Labels" description="A label names one version, so code can read name:label and you can move it to release another version.">
          <AttachLabelsForm name={name} versions={versions} version={labelVersion ?? versions[0]!.Version} onVersion={setLabelVersion} inputRef={labelInput} />
        </Section>
      )}
      {versions.length > 1 && <CompareVersions versions={versions} valueOf={valueOf} />}
    </div>
  );
}
