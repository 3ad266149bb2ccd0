import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema';

export type Database = NodePgDatabase<typeof schema>;

export interface DatabaseHandle {
  db: Database;
  pool: pg.Pool;
}

/**
 * Connections per process. The API's hot path needs about one query per call once identity is
 * cached and audit rows are written in batches, but a burst of 50 concurrent calls still queues
 * behind 10 connections; 20 keeps several replicas well under PostgreSQL's default 100.
 */
const POOL_SIZE = 20;

export function connectDatabase(url: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: 5_000 });
  // An idle client losing its server (database restart) must not crash the process.
  pool.on('error', (err) => console.error(`[db] idle client error: ${err.message}`));
  return { db: drizzle(pool, { schema }), pool };
}
