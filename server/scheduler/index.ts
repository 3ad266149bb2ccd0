import PgBoss from 'pg-boss';
import { processSlot } from '@/server/process-slot';

/** Work that recurs on a cron schedule; exactly one replica runs each occurrence. */
export interface RecurringJob {
  name: string;
  /** Five-field cron in UTC (pg-boss's resolution is one minute). */
  cron: string;
  run(): Promise<void>;
}

/** Work sent to run once, now or at a given time (a wake-up, a timeout); one replica runs each. */
export interface QueueWorker<Data extends object = Record<string, unknown>> {
  name: string;
  /** How often idle workers look for due jobs: the lateness of a wake-up is at most this. */
  pollingIntervalSeconds?: number;
  /** Jobs fetched at once; they run concurrently, so a burst of due jobs is not served 5 per poll. */
  batchSize?: number;
  run(data: Data): Promise<void>;
}

export interface Scheduler {
  /** Queues `data` for the named queue's worker, to run at `runAt` (now when omitted). */
  send(queue: string, data: object, runAt?: Date): Promise<void>;
  close(): Promise<void>;
}

const schedulerSlot = processSlot<Scheduler>('scheduler');

/** The running scheduler, for services that queue work (undefined in processes without one). */
export function scheduler(): Scheduler | undefined {
  return schedulerSlot.get();
}

/**
 * The Postgres-backed job queue (pg-boss) every scheduled feature goes through: its cron
 * occurrences and queued jobs are rows, so a replica that dies mid-job hands it to another and
 * two replicas never fire the same occurrence.
 */
export async function startScheduler(databaseUrl: string, jobs: RecurringJob[], workers: QueueWorker<never>[] = []): Promise<Scheduler> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 3 });
  boss.on('error', (error: Error) => console.error(`[scheduler] ${error.message}`));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
    await boss.work(job.name, async () => {
      await job.run();
    });
  }
  for (const worker of workers) {
    await boss.createQueue(worker.name);
    await boss.work<object>(worker.name, { pollingIntervalSeconds: worker.pollingIntervalSeconds ?? 2, batchSize: worker.batchSize ?? 5 }, async (batch) => {
      await Promise.all(batch.map((job) => (worker.run as (data: object) => Promise<void>)(job.data)));
    });
  }
  const handle: Scheduler = {
    async send(queue, data, runAt) {
      await boss.send(queue, data, runAt ? { startAfter: runAt } : {});
    },
    async close() {
      if (scheduler() === handle) schedulerSlot.set(undefined);
      await boss.stop({ graceful: true, timeout: 5_000, wait: true });
    },
  };
  schedulerSlot.set(handle);
  return handle;
}
