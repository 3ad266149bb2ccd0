'use client';

import { useQuery } from '@tanstack/react-query';
import { buttonStyles } from '@/components/ui/notices';
import { LiveError, Panel, nodeTable } from './ui';
import { nodeOsUsersQuery } from './queries';

/** Local OS accounts (/etc/passwd) and groups (/etc/group) on the node. */
export function UsersTab({ nodeId }: { nodeId: string }) {
  const { data, error, isPending, isFetching, refetch } = useQuery(nodeOsUsersQuery(nodeId));
  if (error) return <LiveError error={error} what="OS users" />;
  if (isPending) return <p className="text-sm text-slate-500">Reading the node&apos;s users…</p>;
  const loginCount = data.users.filter((user) => user.hasLoginShell).length;
  return (
    <div className="space-y-5">
      <div className="flex items-center gap-3 text-sm text-slate-600">
        <span>
          {data.users.length} users ({loginCount} with a login shell), {data.groups.length} groups
          {data.truncated && ' · the list is cut short'}
        </span>
        <button type="button" className={buttonStyles.secondary} onClick={() => void refetch()} disabled={isFetching}>Refresh</button>
      </div>
      <Panel title="Users">
        <div className="overflow-x-auto">
          <table className={nodeTable.table} aria-label="OS users">
            <thead className={nodeTable.head}>
              <tr>{['User', 'UID', 'Primary group', 'Other groups', 'Home', 'Shell', 'Full name'].map((column) => <th key={column} scope="col" className={nodeTable.th}>{column}</th>)}</tr>
            </thead>
            <tbody className={nodeTable.body}>
              {data.users.map((user) => (
                <tr key={`${user.name}:${user.uid}`} className={user.hasLoginShell ? '' : 'text-slate-500'}>
                  <td className={`${nodeTable.td} font-medium`}>{user.name}</td>
                  <td className={`${nodeTable.td} tabular-nums`}>{user.uid}</td>
                  <td className={nodeTable.td}>{user.primaryGroup ?? user.gid}</td>
                  <td className={nodeTable.td}>{user.groups.join(', ') || '—'}</td>
                  <td className={`${nodeTable.td} font-mono text-xs`}>{user.home}</td>
                  <td className={`${nodeTable.td} whitespace-nowrap font-mono text-xs`}>{user.shell}{!user.hasLoginShell && <span className="ml-1 font-sans text-slate-400">(no login)</span>}</td>
                  <td className={nodeTable.td}>{user.gecos.split(',')[0] || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
      <Panel title="Groups">
        <div className="overflow-x-auto">
          <table className={nodeTable.table} aria-label="OS groups">
            <thead className={nodeTable.head}>
              <tr>{['Group', 'GID', 'Members'].map((column) => <th key={column} scope="col" className={nodeTable.th}>{column}</th>)}</tr>
            </thead>
            <tbody className={nodeTable.body}>
              {data.groups.map((group) => (
                <tr key={`${group.name}:${group.gid}`}>
                  <td className={`${nodeTable.td} font-medium`}>{group.name}</td>
                  <td className={`${nodeTable.td} tabular-nums`}>{group.gid}</td>
                  <td className={nodeTable.td}>{group.members.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
    </div>
  );
}
