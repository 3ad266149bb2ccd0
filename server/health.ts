import { sql } from 'drizzle-orm';
import { getDb } from '@/server/context';

export type Health = { status: 'ok'; db: 'ok' } | { status: 'unavailable'; db: 'down'; reason: string };

export async function checkHealth(): Promise<Health> {
  try {
    await getDb().execute(sql`select 1`);
    return { status: 'ok', db: 'ok' };
  } catch (error) {
    return { status: 'unavailable', db: 'down', reason: `database unreachable: ${(error as Error).message}` };
  }
}
