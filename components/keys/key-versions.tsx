'use client';

import type { KeyWithDetail } from './queries';
import { Badge, Section } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { dateTime } from '@/components/lib/format';

const ORIGINS: Record<string, string> = { Automatic: 'Automatic rotation', OnDemand: 'Rotated on demand' };

/** Every version of the key's material (never the material itself), newest first. */
export function KeyVersions({ detail }: { detail: KeyWithDetail }) {
  return (
    <Section title="Key material versions" description="The newest version encrypts; every version decrypts what it encrypted.">
      <DataTable label="Key material versions" columns={['Version', 'Created', 'Origin', 'Used to']}>
        {detail.versions.map((version) => (
          <tr key={version.version} className="hover:bg-slate-50">
            <td className={`${tableStyles.td} tabular-nums`}>
              <span className="flex items-center gap-2">
                {version.version}
                {version.isCurrent && <Badge tone="emerald">Current</Badge>}
              </span>
            </td>
            <td className={`${tableStyles.td} text-slate-600`}>{dateTime(version.createdAt)}</td>
            <td className={`${tableStyles.td} text-slate-600`}>{version.rotationType ? (ORIGINS[version.rotationType] ?? version.rotationType) : 'Created with the key'}</td>
            <td className={`${tableStyles.td} text-slate-600`}>{version.isCurrent ? 'Encrypt and decrypt' : 'Decrypt only'}</td>
          </tr>
        ))}
      </DataTable>
    </Section>
  );
}
