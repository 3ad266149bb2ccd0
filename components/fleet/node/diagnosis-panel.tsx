'use client';

import { useQuery } from '@tanstack/react-query';
import { ErrorNotice } from '@/components/ui/notices';
import { dateTime, timeAgo } from '@/components/lib/format';
import type { DiagnosisCheck } from '@/agent/protocol';
import { Panel, nodeTable } from './ui';
import { nodeDiagnosisQuery, type NodeDiagnosisView } from './queries';

const CHECK_STYLE: Record<DiagnosisCheck['status'], { mark: string; className: string }> = {
  ok: { mark: '✓', className: 'text-emerald-700' },
  warning: { mark: '!', className: 'text-amber-700' },
  fail: { mark: '✕', className: 'text-red-700' },
  skipped: { mark: '–', className: 'text-slate-400' },
};

function AgentReport({ diagnosis }: { diagnosis: NodeDiagnosisView }) {
  const report = diagnosis.agentReport;
  if (!report) {
    return (
      <p className="text-sm text-slate-600">
        The agent has not sent a report of its own yet. On the node, run{' '}
        <code className="rounded bg-slate-100 px-1 font-mono text-xs">npm run agent -- diagnose --state-dir DIR</code>: it checks DNS, the connection,
        TLS, the server&apos;s health and the clock, and sends its findings here when it can reach the server.
      </p>
    );
  }
  return (
    <div>
      <h3 className="mb-2 text-sm font-medium">
        The agent&apos;s own diagnosis, {timeAgo(diagnosis.agentReportAt)} ({dateTime(diagnosis.agentReportAt)}), agent {report.agentVersion} on {report.computerName}
      </h3>
      <table className={nodeTable.table} aria-label="Agent diagnosis report">
        <tbody className={nodeTable.body}>
          {report.checks.map((check) => (
            <tr key={check.name}>
              <td className={`${nodeTable.td} w-8 font-bold ${CHECK_STYLE[check.status].className}`} aria-label={check.status}>{CHECK_STYLE[check.status].mark}</td>
              <td className={`${nodeTable.td} w-36 font-mono text-xs`}>{check.name}</td>
              <td className={nodeTable.td}>{check.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Why the node is not Online, in words, and the agent's last own report. For an Online node it
 * shows only warnings (clock skew, an old agent), and nothing when all is well.
 */
export function DiagnosisPanel({ nodeId, pingStatus, isQuietWhenFine = false }: { nodeId: string; pingStatus: string; isQuietWhenFine?: boolean }) {
  const { data, error, isPending } = useQuery(nodeDiagnosisQuery(nodeId, pingStatus));
  if (isQuietWhenFine && (!data || data.findings.length === 0)) return null;
  return (
    <Panel title="Diagnosis" className={isQuietWhenFine ? '' : 'border-amber-300'}>
      {error ? (
        <ErrorNotice error={error} />
      ) : isPending ? (
        <p className="text-sm text-slate-500">Diagnosing…</p>
      ) : (
        <div className="space-y-4">
          {data.findings.length > 0 && (
            <ul className="space-y-2 text-sm" aria-label="Findings">
              {data.findings.map((finding) => (
                <li key={finding.code} className={`rounded border px-3 py-2 ${finding.severity === 'error' ? 'border-red-200 bg-red-50 text-red-900' : 'border-amber-200 bg-amber-50 text-amber-900'}`}>
                  {finding.message}
                </li>
              ))}
            </ul>
          )}
          {!isQuietWhenFine && <AgentReport diagnosis={data} />}
        </div>
      )}
    </Panel>
  );
}
