'use client';

import { useQuery } from '@tanstack/react-query';
import { documentParametersQuery } from './queries';
import { VersionPicker } from './version-picker';
import { initialValue } from '@/components/run-command/parameter-fields';
import { Section } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice } from '@/components/ui/notices';

/** The parameters one version declares, with what each accepts. */
export function ParametersTab({ name, version, onVersion }: { name: string; version: string; onVersion: (version: string) => void }) {
  const { data, error, isPending } = useQuery(documentParametersQuery(name, version));
  return (
    <Section title="Parameters" description="What the document asks for when it runs; Run Command builds its form from these." actions={<VersionPicker name={name} value={version} onChange={onVersion} />}>
      {error && <div className="p-5"><ErrorNotice error={error} /></div>}
      {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading parameters…</p>}
      {data && data.parameters.length === 0 && <div className="p-5"><EmptyState title="No parameters">This version runs as it is written; there is nothing to fill in.</EmptyState></div>}
      {data && data.parameters.length > 0 && (
        <DataTable label="Parameters" columns={['Name', 'Type', 'Description', 'Default', 'Allowed']}>
          {data.parameters.map((parameter) => (
            <tr key={parameter.name}>
              <td className={`${tableStyles.td} font-mono text-xs font-medium`}>{parameter.name}</td>
              <td className={tableStyles.td}>{parameter.type}</td>
              <td className={`${tableStyles.td} max-w-md text-slate-600`}>{parameter.description || '—'}</td>
              <td className={`${tableStyles.td} whitespace-pre-wrap font-mono text-xs text-slate-600`}>{initialValue(parameter) || <span className="font-sans text-slate-400">required</span>}</td>
              <td className={`${tableStyles.td} font-mono text-xs text-slate-600`}>
                {parameter.allowedValues?.length ? parameter.allowedValues.join(', ') : parameter.allowedPattern ? `matches ${parameter.allowedPattern}` : <span className="font-sans text-slate-400">any</span>}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}
