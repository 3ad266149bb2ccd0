import type { ReactNode } from 'react';
import { Panel } from './ui';
import type { NodeAccess } from './queries';

function Capability({ isAllowed, children }: { isAllowed: boolean; children: ReactNode }) {
  return (
    <li className="flex items-start gap-2">
      <span aria-hidden className={`mt-0.5 font-bold ${isAllowed ? 'text-emerald-600' : 'text-slate-400'}`}>{isAllowed ? '✓' : '✕'}</span>
      <span className={isAllowed ? 'text-slate-900' : 'text-slate-500'}>{children}</span>
    </li>
  );
}

const may = (isAllowed: boolean, text: string) => `You may${isAllowed ? '' : ' not'} ${text}`;

/** What this user may do here, decided by their policies with this node's tags. */
export function AccessPanel({ access }: { access: NodeAccess }) {
  return (
    <Panel title="Your access to this node">
      <p className="mb-3 text-sm text-slate-500">Decided by your policies with this node&apos;s tags.</p>
      <ul className="space-y-1.5 text-sm">
        <Capability isAllowed={access.canStartSession}>{may(access.canStartSession, 'start shell sessions here')}</Capability>
        <Capability isAllowed={access.canDeregister}>{may(access.canDeregister, 'deregister it')}</Capability>
        <Capability isAllowed={access.canTag}>{may(access.canTag, 'change its tags')}</Capability>
        <Capability isAllowed={access.canEditSettings}>{may(access.canEditSettings, 'change its region and account')}</Capability>
        <Capability isAllowed={access.canViewPerformance}>{may(access.canViewPerformance, 'watch its performance')}</Capability>
        <Capability isAllowed={access.canViewProcesses}>{may(access.canViewProcesses, 'list its processes')}</Capability>
        <Capability isAllowed={access.canListFiles}>{may(access.canListFiles, 'browse its file system')}</Capability>
        <Capability isAllowed={access.canReadFiles}>{may(access.canReadFiles, 'read and download its files')}</Capability>
        <Capability isAllowed={access.canViewUsers}>{may(access.canViewUsers, 'list its OS users')}</Capability>
      </ul>
    </Panel>
  );
}
