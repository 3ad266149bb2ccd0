import PgBoss from 'pg-boss';

/** Work that recurs on a cron schedule; exactly one replica runs each occurrence. */
export interface RecurringJob {
  name: string;
  /** Five-field cron in UTC (pg-boss's resolution is one minute). */
  cron: string;
  run(): Promise<void>;
}

export interface Scheduler {
  close(): Promise<void>;
}

/**
 * The Postgres-backed job queue (pg-boss) every scheduled feature goes through: its cron
 * occurrences are rows, so a replica that dies mid-job hands it to another and two replicas never
 * fire the same occurrence.
 */
export async function startScheduler(databaseUrl: string, jobs: RecurringJob[]): Promise<Scheduler> {
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
  return {
    async close() {
      await boss.stop({ graceful: true, timeout: 5_000, wait: true });
    },
  };
}
