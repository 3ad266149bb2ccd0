/**
 * Which invocations go out now: the database decides, so several replicas (or a restarted
 * server) never send one invocation twice at once and MaxConcurrency holds across all of them.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { commandInvocations, commands, managedNodes, type CommandRow } from '@/db/schema';
import { getDb } from '@/server/context';

export interface Claimed {
  command: CommandRow;
  invocations: { id: string; nodeId: string }[];
}

const ACTIVE = ['Pending', 'InProgress'] as const;

/**
 * Claims the next invocations of a command within its concurrency limit: those of Online nodes,
 * in target order, become InProgress. Invocations whose node is offline are marked Delayed and
 * wait (holding no slot) until the node connects or the delivery timeout passes. Past MaxErrors,
 * what was never sent becomes Terminated instead.
 */
export async function claimInvocations(commandId: string): Promise<Claimed | null> {
  return getDb().transaction(async (tx) => {
    const [command] = await tx.select().from(commands).where(eq(commands.id, commandId)).for('update');
    if (!command || !(ACTIVE as readonly string[]).includes(command.status)) return null;
    if (command.errorCount > command.errorLimit) {
      await tx
        .update(commandInvocations)
        .set({ status: 'Cancelled', statusDetails: 'Terminated', updatedAt: sql`now()` })
        .where(and(eq(commandInvocations.commandId, commandId), inArray(commandInvocations.status, ['Pending', 'Delayed'])));
      return { command, invocations: [] };
    }
    const [{ inFlight } = { inFlight: 0 }] = await tx
      .select({ inFlight: sql<number>`count(*)::int` })
      .from(commandInvocations)
      .where(and(eq(commandInvocations.commandId, commandId), inArray(commandInvocations.status, ['InProgress', 'Cancelling'])));
    const free = command.concurrencyLimit - inFlight;
    if (free <= 0) return { command, invocations: [] };
    const { rows } = await tx.execute<{ id: string; node_id: string }>(sql`
      update ${commandInvocations} set status = 'InProgress', status_details = 'InProgress', dispatched_at = now(), updated_at = now()
      where id in (
        select i.id from ${commandInvocations} i join ${managedNodes} n on n.id = i.node_id
        where i.command_id = ${commandId} and i.status in ('Pending', 'Delayed') and n.ping_status = 'Online'
        order by i.seq limit ${free} for update of i skip locked
      )
      returning id, node_id`);
    if (rows.length < free) {
      await tx.execute(sql`
        update ${commandInvocations} i set status = 'Delayed', status_details = 'Delayed', updated_at = now()
        from ${managedNodes} n
        where n.id = i.node_id and i.command_id = ${commandId} and i.status = 'Pending' and n.ping_status <> 'Online'`);
    }
    if (rows.length > 0 && command.status === 'Pending') {
      await tx.update(commands).set({ status: 'InProgress', statusDetails: 'InProgress' }).where(eq(commands.id, commandId));
    }
    return { command, invocations: rows.map((row) => ({ id: row.id, nodeId: row.node_id })) };
  });
}

/** Commands still sending or running: the sweep's work list. */
export async function activeCommandIds(): Promise<string[]> {
  const rows = await getDb().select({ id: commands.id }).from(commands).where(inArray(commands.status, ['Pending', 'InProgress', 'Cancelling']));
  return rows.map((row) => row.id);
}

/**
 * Delivery timeouts, as AWS applies them: an invocation not delivered within TimeoutSeconds of
 * the request, or not finished when the command expires (the agent went away for good), ends
 * DeliveryTimedOut. Returns the commands touched.
 */
export async function expireInvocations(): Promise<string[]> {
  const { rows } = await getDb().execute<{ command_id: string }>(sql`
    update ${commandInvocations} i set status = 'TimedOut', status_details = 'DeliveryTimedOut', updated_at = now()
    from ${commands} c
    where c.id = i.command_id and (
      (i.status in ('Pending', 'Delayed') or (i.status = 'InProgress' and i.delivered_at is null))
        and c.requested_at + make_interval(secs => c.timeout_seconds) < now()
      or i.status in ('InProgress', 'Cancelling') and c.expires_at < now()
    )
    returning i.command_id`);
  return [...new Set(rows.map((row) => row.command_id))];
}

/** What a (re)connected node should hear again: runs it may not have journalled, cancels it missed. */
export async function unfinishedForNode(nodeId: string): Promise<{ resend: { id: string; commandId: string }[]; cancel: string[]; waitingCommands: string[] }> {
  const rows = await getDb()
    .select({ id: commandInvocations.id, commandId: commandInvocations.commandId, status: commandInvocations.status })
    .from(commandInvocations)
    .where(and(eq(commandInvocations.nodeId, nodeId), inArray(commandInvocations.status, ['Pending', 'Delayed', 'InProgress', 'Cancelling'])));
  return {
    resend: rows.filter((row) => row.status === 'InProgress').map(({ id, commandId }) => ({ id, commandId })),
    cancel: rows.filter((row) => row.status === 'Cancelling').map((row) => row.id),
    waitingCommands: [...new Set(rows.filter((row) => row.status === 'Pending' || row.status === 'Delayed').map((row) => row.commandId))],
  };
}
