import { and, eq, isNotNull, lt, or, isNull, sql } from 'drizzle-orm';
import { scheduleStates } from '@/db/schema';
import { getDb } from '@/server/context';
import { processSlot } from '@/server/process-slot';
import { scheduler, type QueueWorker } from '@/server/scheduler';

/** The pg-boss queue of schedule occurrences. */
export const OCCURRENCE_QUEUE = 'schedule-occurrence';

export interface Occurrence {
  /** The time the schedule named. */
  at: Date;
  /** How late it is being fired (a server that was down, a busy queue). */
  lateByMs: number;
}

/** One kind of scheduled thing: how to find its next occurrence and what firing one does. */
export interface ScheduledKind {
  kind: string;
  /** The next occurrence strictly after `after`, or undefined when there is none (deleted, disabled, past its end). */
  nextOccurrence(entityId: string, after: Date): Promise<Date | undefined>;
  /**
   * Runs one occurrence; called once per occurrence across replicas. It decides what lateness
   * means for it (run anyway, or record the occurrence as missed and say why).
   */
  fire(entityId: string, occurrence: Occurrence): Promise<void>;
}

const kindsSlot = processSlot<Map<string, ScheduledKind>>('scheduled-kinds');

function kinds(): Map<string, ScheduledKind> {
  let registry = kindsSlot.get();
  if (!registry) {
    registry = new Map();
    kindsSlot.set(registry);
  }
  return registry;
}

export function registerScheduledKind(kind: ScheduledKind): void {
  kinds().set(kind.kind, kind);
}

function kindOf(name: string): ScheduledKind {
  const kind = kinds().get(name);
  if (!kind) throw new Error(`no scheduled kind '${name}' is registered in this process`);
  return kind;
}

/**
 * (Re)computes the entity's next occurrence after the last one fired (or now) and queues it.
 * Call after creating, changing or deleting a scheduled thing; a stale queued job finds its
 * occurrence no longer current and does nothing.
 */
export async function reschedule(kindName: string, entityId: string, now = new Date()): Promise<Date | undefined> {
  const db = getDb();
  const [state] = await db.select().from(scheduleStates).where(and(eq(scheduleStates.kind, kindName), eq(scheduleStates.entityId, entityId)));
  const after = state?.lastFiredAt && state.lastFiredAt > now ? state.lastFiredAt : now;
  const next = await kindOf(kindName).nextOccurrence(entityId, after);
  await db
    .insert(scheduleStates)
    .values({ kind: kindName, entityId, nextAt: next ?? null })
    .onConflictDoUpdate({ target: [scheduleStates.kind, scheduleStates.entityId], set: { nextAt: next ?? null, updatedAt: sql`now()` } });
  if (next) await scheduler()?.send(OCCURRENCE_QUEUE, { kind: kindName, entityId, at: next.toISOString() }, next);
  return next;
}

export async function forgetSchedule(kindName: string, entityId: string): Promise<void> {
  await getDb().delete(scheduleStates).where(and(eq(scheduleStates.kind, kindName), eq(scheduleStates.entityId, entityId)));
}

/** Claims the occurrence: true for exactly one caller, and only while it is the entity's current one. */
async function claim(kindName: string, entityId: string, at: Date): Promise<boolean> {
  const claimed = await getDb()
    .update(scheduleStates)
    .set({ lastFiredAt: at, updatedAt: sql`now()` })
    .where(
      and(
        eq(scheduleStates.kind, kindName),
        eq(scheduleStates.entityId, entityId),
        eq(scheduleStates.nextAt, at),
        or(isNull(scheduleStates.lastFiredAt), lt(scheduleStates.lastFiredAt, at)),
      ),
    )
    .returning({ entityId: scheduleStates.entityId });
  return claimed.length > 0;
}

async function fireOccurrence(kindName: string, entityId: string, at: Date): Promise<void> {
  const kind = kinds().get(kindName);
  if (!kind) return;
  if (!(await claim(kindName, entityId, at))) return;
  try {
    await kind.fire(entityId, { at, lateByMs: Math.max(Date.now() - at.getTime(), 0) });
  } catch (error) {
    console.error(`[schedules] ${kindName} ${entityId} at ${at.toISOString()}: ${(error as Error).message}`);
  } finally {
    // Occurrences missed in between are skipped: the next one is after now.
    await reschedule(kindName, entityId).catch((error: Error) => console.error(`[schedules] could not reschedule ${kindName} ${entityId}: ${error.message}`));
  }
}

export function occurrenceWorker(): QueueWorker<{ kind: string; entityId: string; at: string }> {
  return {
    name: OCCURRENCE_QUEUE,
    pollingIntervalSeconds: 1,
    batchSize: 20,
    run: async ({ kind, entityId, at }) => fireOccurrence(kind, entityId, new Date(at)),
  };
}

/**
 * Fires, once, every occurrence that came due while no server was running (or whose queued job
 * was lost): each kind's `fire` decides whether a late occurrence still runs. Run at start and
 * every minute.
 */
export async function fireOverdue(now = new Date()): Promise<number> {
  const overdue = await getDb()
    .select()
    .from(scheduleStates)
    .where(and(isNotNull(scheduleStates.nextAt), lt(scheduleStates.nextAt, new Date(now.getTime() - 5_000))));
  for (const row of overdue) {
    if (kinds().has(row.kind)) await fireOccurrence(row.kind, row.entityId, row.nextAt!);
  }
  return overdue.length;
}
