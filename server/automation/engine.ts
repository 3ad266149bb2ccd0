import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { and, eq, inArray, isNotNull, isNull, ne, notInArray, or, sql } from 'drizzle-orm';
import { automationExecutions, automationStepExecutions, TERMINAL_AUTOMATION_STATUSES } from '@/db/schema';
import { getDb } from '@/server/context';
import { onCommandFinished } from '@/server/runcommand/events';
import { scheduler, type QueueWorker } from '@/server/scheduler';
import { advance } from './advance';
import { setAutomationDriver, WAKE_QUEUE, type Driver } from './wake';

/** Advisory-lock class for "this server instance is alive" locks (the other key is the instance id's hash). */
const LIVENESS_LOCK_CLASS = 7301;
/** A guard against a runbook that loops without ever waiting. */
const MAX_TRANSITIONS_PER_DRIVE = 5000;
const ACTIVE = sql`${automationExecutions.status} not in ('Success', 'TimedOut', 'Cancelled', 'Failed')`;

/**
 * Drives executions. One engine at a time owns an execution (its id in `owner`) while it advances
 * it; a waiting execution is owned by nobody and is woken by a pg-boss job or a signal. Each
 * engine holds a session advisory lock for its lifetime, so a survivor can tell an owner that
 * died (its lock is free) from one that is busy, and take its executions over at once.
 */
export class AutomationEngine implements Driver {
  readonly instanceId = randomUUID();
  private liveness?: pg.PoolClient;
  private readonly driving = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private unsubscribe?: () => void;
  private isStopping = false;

  constructor(private readonly pool: pg.Pool) {}

  /**
   * The pg-boss worker that runs wake-ups; pass it to startScheduler. The job only hands the
   * execution to the engine: awaiting a drive would hold the worker's next fetch behind a step
   * that runs for minutes (a script), and a crash mid-drive is what recovery is for.
   */
  wakeWorker(): QueueWorker<{ executionId: string }> {
    return {
      name: WAKE_QUEUE,
      pollingIntervalSeconds: 0.5,
      batchSize: 50,
      run: async ({ executionId }) => {
        void this.drive(executionId);
      },
    };
  }

  async start(): Promise<void> {
    this.liveness = await this.pool.connect();
    await this.liveness.query('select pg_advisory_lock($1, hashtext($2))', [LIVENESS_LOCK_CLASS, this.instanceId]);
    setAutomationDriver(this);
    this.unsubscribe = onCommandFinished((commandId) => void this.wakeStepsOfCommand(commandId));
    await this.recover();
  }

  async stop(): Promise<void> {
    this.isStopping = true;
    this.unsubscribe?.();
    setAutomationDriver(undefined);
    await Promise.allSettled([...this.driving.values()]);
    // Handing back what we own lets the next process take it at once, without the liveness check.
    await getDb()
      .update(automationExecutions)
      .set({ owner: null, isWakeRequested: true })
      .where(eq(automationExecutions.owner, this.instanceId))
      // The database may already be going down with us (a signal to the whole process group); the
      // liveness lock then tells the next server these executions are free.
      .catch((error: Error) => console.error(`[automation] could not hand back executions on the way down: ${error.message}`));
    // Destroyed, not returned to the pool: the session's advisory lock must go with it.
    this.liveness?.release(true);
  }

  /** Advances the execution until it waits or ends; a no-op when another engine is at it. */
  drive(executionId: string): Promise<void> {
    if (this.isStopping) return Promise.resolve();
    const running = this.driving.get(executionId);
    if (running) {
      this.again.add(executionId);
      return running;
    }
    const work = this.driveOwned(executionId)
      .catch((error: Error) => console.error(`[automation] ${executionId}: ${error.stack ?? error.message}`))
      .finally(() => this.driving.delete(executionId));
    this.driving.set(executionId, work);
    return work;
  }

  private async driveOwned(executionId: string): Promise<void> {
    for (;;) {
      this.again.delete(executionId);
      if (!(await this.claim(executionId))) return;
      let isWakeRequested: boolean;
      try {
        await this.runUntilParked(executionId);
      } finally {
        isWakeRequested = await this.release(executionId);
      }
      if (!isWakeRequested && !this.again.has(executionId)) return;
      if (this.isStopping) return;
    }
  }

  private async runUntilParked(executionId: string): Promise<void> {
    for (let transitions = 0; transitions < MAX_TRANSITIONS_PER_DRIVE && !this.isStopping; transitions++) {
      const outcome = await advance(executionId, { schedule: (at) => this.scheduleWake(executionId, at) });
      if (outcome !== 'continue') return;
    }
  }

  private async scheduleWake(executionId: string, at: Date): Promise<void> {
    await scheduler()?.send(WAKE_QUEUE, { executionId }, at);
  }

  private async claim(executionId: string): Promise<boolean> {
    const claimed = await getDb()
      .update(automationExecutions)
      .set({ owner: this.instanceId, isWakeRequested: false, updatedAt: sql`now()` })
      .where(and(eq(automationExecutions.id, executionId), ACTIVE, or(isNull(automationExecutions.owner), eq(automationExecutions.owner, this.instanceId))))
      .returning({ id: automationExecutions.id });
    return claimed.length > 0;
  }

  /** Parks the execution; true when someone asked for another look while we held it. */
  private async release(executionId: string): Promise<boolean> {
    const [released] = await getDb()
      .update(automationExecutions)
      .set({ owner: null, updatedAt: sql`now()` })
      .where(and(eq(automationExecutions.id, executionId), eq(automationExecutions.owner, this.instanceId)))
      .returning({ isWakeRequested: automationExecutions.isWakeRequested, status: automationExecutions.status });
    return Boolean(released?.isWakeRequested) && !TERMINAL_AUTOMATION_STATUSES.includes(released!.status);
  }

  /** The steps waiting on a command that just finished (here; it may have run on any replica). */
  private async wakeStepsOfCommand(commandId: string): Promise<void> {
    const rows = await getDb()
      .select({ executionId: automationStepExecutions.executionId })
      .from(automationStepExecutions)
      .where(and(inArray(automationStepExecutions.status, ['InProgress', 'Waiting']), sql`${automationStepExecutions.state}->>'commandId' = ${commandId}`));
    for (const row of rows) {
      await getDb().update(automationExecutions).set({ isWakeRequested: true }).where(eq(automationExecutions.id, row.executionId));
      void this.drive(row.executionId);
    }
  }

  /**
   * Takes over executions whose owner died (its liveness lock is free) and looks at every active
   * execution nobody owns: each one either moves on or parks again with its wake-up re-queued.
   */
  async recover(): Promise<number> {
    const db = getDb();
    const owners = await db
      .selectDistinct({ owner: automationExecutions.owner })
      .from(automationExecutions)
      .where(and(ACTIVE, isNotNull(automationExecutions.owner), ne(automationExecutions.owner, this.instanceId)));
    for (const { owner } of owners) {
      await db.transaction(async (tx) => {
        const result = await tx.execute(sql`select pg_try_advisory_xact_lock(${LIVENESS_LOCK_CLASS}, hashtext(${owner})) as "isDead"`);
        if (!(result.rows[0] as { isDead: boolean }).isDead) return;
        await tx.update(automationExecutions).set({ owner: null }).where(eq(automationExecutions.owner, owner!));
      });
    }
    const orphans = await db
      .select({ id: automationExecutions.id })
      .from(automationExecutions)
      .where(and(notInArray(automationExecutions.status, [...TERMINAL_AUTOMATION_STATUSES]), isNull(automationExecutions.owner)));
    for (const { id } of orphans) void this.drive(id);
    return orphans.length;
  }
}
