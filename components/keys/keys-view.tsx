'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { keyHref, keyListQuery } from './queries';
import { KeyForm } from './key-form';
import { KeyManagerBadge, KeyStateBadge } from './key-badges';
import { Section, linkClass } from '@/components/settings/ui';
import { DataTable, tableStyles } from '@/components/ui/data-table';
import { EmptyState, ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { useCreateFlow } from '@/components/ui/use-create-flow';
import { dateTime } from '@/components/lib/format';

// The list has six columns to fit; the detail page shows the time too.
const dateOnly = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { dateStyle: 'medium' });

export function KeysView() {
  const router = useRouter();
  const { data, error, isPending } = useQuery(keyListQuery());
  const creation = useCreateFlow<string>();
  const hasCustomerKeys = data?.keys.some((key) => key.keyManager === 'CUSTOMER') ?? false;

  return (
    <div className="space-y-4">
      {creation.isCreating && (
        <Section title="Create key" description="A symmetric 256-bit key that Parameter Store can encrypt SecureString values with. Its material never leaves the server.">
          <KeyForm onDone={(keyId) => router.push(keyHref(keyId))} onCancel={creation.cancel} />
        </Section>
      )}
      <Section
        title="Keys"
        description="Keys that protect SecureString parameters. Disabling a key stops every encrypt and decrypt with it at once."
        actions={data?.canCreate && !creation.isCreating && <button type="button" className={buttonStyles.primary} onClick={creation.open}>Create key</button>}
      >
        {error && <div className="p-5"><ErrorNotice error={error} /></div>}
        {isPending && <p className="px-5 py-4 text-sm text-slate-500">Loading keys…</p>}
        {data && data.keys.length > 0 && (
          <DataTable label="Keys" columns={['Alias', 'Key ID', 'Status', 'Managed by', 'Rotation', 'Created']}>
            {data.keys.map((key) => (
              <tr key={key.keyId} className="hover:bg-slate-50">
                <td className={`${tableStyles.td} font-medium [overflow-wrap:anywhere]`}>
                  {key.aliases.length > 0 ? (
                    <Link href={keyHref(key.keyId)} className={linkClass}>{key.aliases[0]}</Link>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                  {key.aliases.length > 1 && <span className="ml-1 text-xs text-slate-500">{`+${key.aliases.length - 1} more`}</span>}
                </td>
                <td className={`${tableStyles.td} whitespace-nowrap`}>
                  <Link href={keyHref(key.keyId)} className={`${linkClass} font-mono text-xs`}>{key.keyId}</Link>
                </td>
                <td className={`${tableStyles.td} whitespace-nowrap`} data-testid={`key-state-${key.keyId}`}><KeyStateBadge state={key.state} /></td>
                <td className={`${tableStyles.td} whitespace-nowrap`}><KeyManagerBadge keyManager={key.keyManager} /></td>
                <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`}>{key.rotationEnabled ? `${key.rotationPeriodDays} days` : 'Off'}</td>
                <td className={`${tableStyles.td} whitespace-nowrap text-slate-600`} title={dateTime(key.createdAt)}>{dateOnly(key.createdAt)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {data && !hasCustomerKeys && (
          <div className="p-5">
            <EmptyState title="No customer managed keys yet">
              SecureString parameters are encrypted with the AWS managed key <code className="rounded bg-slate-100 px-1">alias/aws/ssm</code> unless they name one of
              yours. Create a key to control who may decrypt which secrets, rotate it on your schedule, or disable it in an emergency.
            </EmptyState>
          </div>
        )}
      </Section>
    </div>
  );
}
