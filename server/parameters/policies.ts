import { eq, sql } from 'drizzle-orm';
import { events, parameters, type ParameterPolicyState } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { invalidateHere, notifyInvalidation } from '@/server/cache/invalidation';
import { arnOfName } from './names';
import { unitMs, type ParsedPolicy } from './rules';
import { deleteExpiredParameters } from './service';
import { PARAMETER_TOPIC } from './store';

export const POLICY_EVENT_SOURCE = 'opsdeck.ssm';
export const POLICY_EVENT_TYPE = 'Parameter Store Policy Action';

interface Due {
  nameKey: string;
  name: string;
  type: string;
  action: 'Expired' | 'ExpirationNotification' | 'NoChangeNotification';
  policyIndex: number;
}

/** What a parameter's policies say is due at `now`, each at most once per version (Finished ones are done). */
export function duePolicies(row: { nameKey: string; name: string; type: string; lastModifiedAt: Date; policies: ParameterPolicyState[] }, now: Date): Due[] {
  const due: Due[] = [];
  const expiration = row.policies.find((policy) => policy.PolicyType === 'Expiration');
  const expiresAt = expiration ? new Date((JSON.parse(expiration.PolicyText) as { Attributes: { Timestamp: string } }).Attributes.Timestamp) : undefined;
  row.policies.forEach((policy, policyIndex) => {
    if (policy.PolicyStatus !== 'Pending') return;
    const parsed = JSON.parse(policy.PolicyText) as ParsedPolicy;
    const base = { nameKey: row.nameKey, name: row.name, type: row.type, policyIndex };
    if (parsed.Type === 'Expiration' && expiresAt && expiresAt <= now) due.push({ ...base, action: 'Expired' });
    if (parsed.Type === 'ExpirationNotification' && expiresAt) {
      const notifyAt = expiresAt.getTime() - Number(parsed.Attributes.Before) * unitMs(parsed.Attributes.Unit);
      if (notifyAt <= now.getTime() && expiresAt > now) due.push({ ...base, action: 'ExpirationNotification' });
    }
    if (parsed.Type === 'NoChangeNotification') {
      const notifyAt = row.lastModifiedAt.getTime() + Number(parsed.Attributes.After) * unitMs(parsed.Attributes.Unit);
      if (notifyAt <= now.getTime()) due.push({ ...base, action: 'NoChangeNotification' });
    }
  });
  return due;
}

function eventFor(due: Due) {
  const { region, accountId } = getServerContext();
  return {
    source: POLICY_EVENT_SOURCE,
    detailType: POLICY_EVENT_TYPE,
    resources: [arnOfName(region, accountId, due.name)],
    detail: { 'parameter-name': due.name, 'parameter-type': due.type, 'policy-type': due.action === 'Expired' ? 'Expiration' : due.action, 'action-status': 'Finished', action: due.action },
  };
}

/**
 * The scheduler's sweep: notifications become events (marked Finished so they fire once per
 * version), and expired parameters are deleted as AWS deletes them.
 */
export async function evaluateParameterPolicies(now = new Date()): Promise<Due[]> {
  const db = getDb();
  const rows = await db
    .select({ nameKey: parameters.nameKey, name: parameters.name, type: parameters.type, lastModifiedAt: parameters.lastModifiedAt, policies: parameters.policies, version: parameters.version })
    .from(parameters)
    .where(sql`jsonb_array_length(${parameters.policies}) > 0`);
  const allDue = rows.flatMap((row) => duePolicies(row, now));
  if (allDue.length === 0) return [];
  const notifications = allDue.filter((due) => due.action !== 'Expired');
  await db.transaction(async (tx) => {
    for (const row of rows) {
      const finished = new Set(notifications.filter((due) => due.nameKey === row.nameKey).map((due) => due.policyIndex));
      if (finished.size === 0) continue;
      const policies = row.policies.map((policy, index) => (finished.has(index) ? { ...policy, PolicyStatus: 'Finished' as const } : policy));
      // Only if nobody wrote a new version meanwhile: a new version re-arms its policies.
      await tx.update(parameters).set({ policies }).where(sql`${eq(parameters.nameKey, row.nameKey)} and ${parameters.version} = ${row.version}`);
    }
    if (allDue.length > 0) await tx.insert(events).values(allDue.map(eventFor));
    await notifyInvalidation(tx, PARAMETER_TOPIC, notifications.map((due) => due.nameKey));
  });
  invalidateHere(PARAMETER_TOPIC, notifications.map((due) => due.nameKey));
  await deleteExpiredParameters([...new Set(allDue.filter((due) => due.action === 'Expired').map((due) => due.nameKey))]);
  return allDue;
}

export async function listParameterEvents(name: string, limit = 50) {
  const { region, accountId } = getServerContext();
  return getDb()
    .select()
    .from(events)
    .where(sql`${events.resources} @> ${JSON.stringify([arnOfName(region, accountId, name)])}::jsonb`)
    .orderBy(sql`${events.id} desc`)
    .limit(limit);
}
