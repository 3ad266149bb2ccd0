/**
 * Why a node is not Online, in words: from its record, its status history, the clock skew its
 * agent showed on the wire, the fleet's newest agent version, and the agent's own `diagnose`
 * report (server reachable? DNS? TLS? clock?) when it last ran.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { diagnosisReportSchema, type AgentAuth, type DiagnosisReport, type DiagnosisUpload } from '@/agent/protocol';
import { newestVersion, compareVersions } from '@/agent/version';
import { managedNodes, nodeStatusEvents, type ManagedNode } from '@/db/schema';
import { recordAuditEvent } from '@/server/audit/service';
import { getDb, getServerContext } from '@/server/context';
import { isOpsdeckError } from '@/server/errors';
import { nodeArn } from '@/server/identity/arn';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { findManagedNode } from './agent-rpc';
import { authenticateNode } from './presence';

/** What managed_nodes.diagnosis holds: both parts are written independently (jsonb merge). */
const storedDiagnosisSchema = z.object({
  clock: z.object({ skewMs: z.number(), measuredAt: z.string() }).optional(),
  report: diagnosisReportSchema.optional(),
});
type StoredDiagnosis = z.infer<typeof storedDiagnosisSchema>;

/** A skew this large makes the status and audit times of the node's events misleading. */
export const CLOCK_SKEW_WARNING_MS = 10_000;
/** Beyond AWS's 5-minute window, signed requests and time-limited tokens are refused. */
export const CLOCK_SKEW_ERROR_MS = 5 * 60_000;

/** Stores the agent's clock minus the server's, measured from the handshake or a heartbeat. */
export async function recordClockSkew(nodeId: string, skewMs: number): Promise<void> {
  const clock = { skewMs, measuredAt: new Date().toISOString() };
  await getDb()
    .update(managedNodes)
    .set({ diagnosis: sql`coalesce(${managedNodes.diagnosis}, '{}'::jsonb) || jsonb_build_object('clock', ${JSON.stringify(clock)}::jsonb)` })
    .where(eq(managedNodes.id, nodeId));
}

/**
 * Stores the report `npm run agent -- diagnose` uploads. The agent proves who it is with its node
 * id and secret, as on the socket; a deregistered node is refused by name, which its report then
 * shows as the finding.
 */
export async function saveAgentDiagnosis(upload: DiagnosisUpload, sourceIp?: string): Promise<{ nodeId: string; diagnosedAt: Date }> {
  const caller = { source: 'agent' as const, requestId: randomUUID(), sourceIp, userAgent: `opsdeck-agent/${upload.report.agentVersion}` };
  const resources = [nodeArn(getServerContext().region, getServerContext().accountId, upload.nodeId)];
  const parameters = { nodeId: upload.nodeId, checks: upload.report.checks.map((check) => `${check.name}:${check.status}`) };
  try {
    // authenticateNode reads only the id and the secret; the report carries no metadata.
    await authenticateNode({ nodeId: upload.nodeId, secret: upload.secret } as AgentAuth);
    const diagnosedAt = new Date();
    await getDb()
      .update(managedNodes)
      .set({
        diagnosis: sql`coalesce(${managedNodes.diagnosis}, '{}'::jsonb) || jsonb_build_object('report', ${JSON.stringify(upload.report)}::jsonb)`,
        diagnosedAt,
      })
      .where(eq(managedNodes.id, upload.nodeId));
    await recordAuditEvent(caller, { action: 'PutAgentDiagnosis', resources, requestParameters: parameters, result: 'Success' });
    return { nodeId: upload.nodeId, diagnosedAt };
  } catch (error) {
    await recordAuditEvent(caller, {
      action: 'PutAgentDiagnosis',
      resources,
      requestParameters: parameters,
      result: 'Failure',
      errorCode: isOpsdeckError(error) ? error.code : 'InternalServerError',
      errorMessage: (error as Error).message,
    });
    throw error;
  }
}

export interface DiagnosisFinding {
  code: 'NeverConnected' | 'Deregistered' | 'ConnectionLost' | 'ClockSkew' | 'AgentOutdated' | 'AgentReportFailures';
  severity: 'error' | 'warning';
  message: string;
}

export interface NodeDiagnosis {
  nodeId: string;
  pingStatus: ManagedNode['pingStatus'];
  findings: DiagnosisFinding[];
  clockSkew: { skewMs: number; measuredAt: string } | null;
  newestAgentVersion: string | null;
  agentReport: DiagnosisReport | null;
  agentReportAt: Date | null;
}

function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function describeDuration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

const ago = (date: Date, now: number) => `${describeDuration(now - date.getTime())} ago`;

async function newestFleetAgentVersion(): Promise<string | undefined> {
  const rows = await getDb()
    .selectDistinct({ version: managedNodes.agentVersion })
    .from(managedNodes)
    .where(and(isNull(managedNodes.deregisteredAt), isNotNull(managedNodes.agentVersion)));
  return newestVersion(rows.map((row) => row.version!).filter(Boolean));
}

/** The words, from facts already gathered (kept apart from the queries so it reads as a rule list). */
export function explainNode(
  node: Pick<ManagedNode, 'id' | 'pingStatus' | 'lastPingAt' | 'registeredAt' | 'deregisteredAt' | 'agentVersion'>,
  facts: { latestEvent?: { pingStatus: string; reason: string; at: Date }; deregistration?: { reason: string; at: Date }; stored: StoredDiagnosis; newestAgentVersion?: string; agentReportAt?: Date | null },
  now = Date.now(),
): DiagnosisFinding[] {
  const findings: DiagnosisFinding[] = [];
  if (node.pingStatus === 'Inactive') {
    const at = facts.deregistration?.at ?? node.deregisteredAt;
    const by = facts.deregistration?.reason.match(/^deregistered by (.+)$/)?.[1];
    findings.push({
      code: 'Deregistered',
      severity: 'error',
      message: `The node was deregistered${by ? ` by ${by}` : ''}${at ? ` on ${utc(at)} (${ago(at, now)})` : ''}: its credentials were revoked and the server refuses its agent. Register it again with a new activation to manage it.`,
    });
  } else if (!node.lastPingAt) {
    findings.push({
      code: 'NeverConnected',
      severity: 'error',
      message: `The agent has never connected since the node was registered on ${utc(node.registeredAt)} (${ago(node.registeredAt, now)}). Check that "npm run agent -- start" runs on the node and can reach this server; "npm run agent -- diagnose" there says what is wrong.`,
    });
  } else if (node.pingStatus === 'ConnectionLost') {
    const reason = facts.latestEvent?.pingStatus === 'ConnectionLost' ? ` (${facts.latestEvent.reason})` : '';
    findings.push({
      code: 'ConnectionLost',
      severity: 'error',
      message: `Last heartbeat ${ago(node.lastPingAt, now)}, at ${utc(node.lastPingAt)}; the connection was lost${reason}. The agent retries by itself; if it does not come back, check that its process runs and that the node can reach this server.`,
    });
  }
  const skew = facts.stored.clock;
  if (skew && Math.abs(skew.skewMs) >= CLOCK_SKEW_WARNING_MS) {
    const direction = skew.skewMs > 0 ? 'ahead of' : 'behind';
    findings.push({
      code: 'ClockSkew',
      severity: Math.abs(skew.skewMs) >= CLOCK_SKEW_ERROR_MS ? 'error' : 'warning',
      message: `The node's clock was ${describeDuration(skew.skewMs)} ${direction} the server's when last measured (${utc(new Date(skew.measuredAt))}). Synchronise it with NTP (chrony or systemd-timesyncd); times it reports are off by that much.`,
    });
  }
  if (node.agentVersion && facts.newestAgentVersion && compareVersions(node.agentVersion, facts.newestAgentVersion) < 0) {
    findings.push({
      code: 'AgentOutdated',
      severity: 'warning',
      message: `Its agent ${node.agentVersion} is older than ${facts.newestAgentVersion}, the newest version in the fleet; update it.`,
    });
  }
  const failed = facts.stored.report?.checks.filter((check) => check.status === 'fail') ?? [];
  if (failed.length > 0 && facts.agentReportAt) {
    findings.push({
      code: 'AgentReportFailures',
      severity: 'error',
      message: `The agent's own diagnosis (${ago(facts.agentReportAt, now)}) failed: ${failed.map((check) => `${check.name}: ${check.summary}`).join('; ')}.`,
    });
  }
  return findings;
}

/** The node page's diagnosis panel: findings in words plus the agent's last own report. */
export async function diagnoseNode(caller: Caller, nodeId: string): Promise<NodeDiagnosis> {
  const { region, accountId } = getServerContext();
  return perform(caller, { name: 'DescribeInstanceInformation', iamAction: 'ssm:DescribeInstanceInformation', resources: [nodeArn(region, accountId, nodeId)], isAudited: false }, async () => {
    const node = await findManagedNode(nodeId);
    const db = getDb();
    const [[latestEvent], [deregistration], newestAgentVersion] = await Promise.all([
      db.select().from(nodeStatusEvents).where(eq(nodeStatusEvents.nodeId, nodeId)).orderBy(desc(nodeStatusEvents.at), desc(nodeStatusEvents.id)).limit(1),
      db
        .select()
        .from(nodeStatusEvents)
        .where(and(eq(nodeStatusEvents.nodeId, nodeId), eq(nodeStatusEvents.pingStatus, 'Inactive')))
        .orderBy(desc(nodeStatusEvents.at))
        .limit(1),
      newestFleetAgentVersion(),
    ]);
    // A report stored by an older server, or damaged by hand, is left out rather than failing the page.
    const parsed = storedDiagnosisSchema.safeParse(node.diagnosis ?? {});
    const stored = parsed.success ? parsed.data : {};
    return {
      nodeId,
      pingStatus: node.pingStatus,
      findings: explainNode(node, { latestEvent, deregistration, stored, newestAgentVersion, agentReportAt: node.diagnosedAt }),
      clockSkew: stored.clock ?? null,
      newestAgentVersion: newestAgentVersion ?? null,
      agentReport: stored.report ?? null,
      agentReportAt: node.diagnosedAt,
    };
  });
}
