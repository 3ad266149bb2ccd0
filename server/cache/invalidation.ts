import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Database } from '@/db/client';

/**
 * Caches that stay correct across replicas: a write notifies every replica through PostgreSQL
 * LISTEN/NOTIFY (sent inside the writing transaction, so it is delivered only if the write
 * commits), and the writing replica also drops its own entries before the write returns, so a read
 * that follows a write on the same replica never sees the old value.
 */
const CHANNEL = 'opsdeck_invalidate';
/** The key that drops every entry of a topic. */
export const ALL = '*';

type Handler = (key: string) => void;

// Next bundles route handlers into a second module graph; handlers of both graphs live here.
const REGISTRY = Symbol.for('opsdeck.invalidation-handlers');
const ORIGIN = Symbol.for('opsdeck.invalidation-origin');
type GlobalWithRegistry = typeof globalThis & { [REGISTRY]?: Map<string, Set<Handler>>; [ORIGIN]?: string };

function handlers(): Map<string, Set<Handler>> {
  const global = globalThis as GlobalWithRegistry;
  return (global[REGISTRY] ??= new Map());
}

/** This process's id in notifications, so it does not drop its caches twice. */
function origin(): string {
  const global = globalThis as GlobalWithRegistry;
  return (global[ORIGIN] ??= randomUUID());
}

export function onInvalidation(topic: string, handler: Handler): () => void {
  const set = handlers().get(topic) ?? new Set<Handler>();
  handlers().set(topic, set);
  set.add(handler);
  return () => set.delete(handler);
}

function invalidateLocally(topic: string, key: string): void {
  for (const handler of handlers().get(topic) ?? []) handler(key);
}

function invalidateEverything(): void {
  for (const [, set] of handlers()) for (const handler of set) handler(ALL);
}

type Executor = Pick<Database, 'execute'>;

/** Queues the notification in the caller's transaction: other replicas hear of it at commit. */
export async function notifyInvalidation(tx: Executor, topic: string, keys: string[]): Promise<void> {
  for (const key of new Set(keys)) {
    await tx.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify({ origin: origin(), topic, key })})`);
  }
}

/**
 * Runs `write` in a transaction that notifies other replicas at commit, then drops this
 * replica's entries before returning.
 */
export async function writeAndInvalidate<T>(db: Database, topic: string, keys: string[], write: (tx: Parameters<Parameters<Database['transaction']>[0]>[0]) => Promise<T>): Promise<T> {
  const result = await db.transaction(async (tx) => {
    const value = await write(tx);
    await notifyInvalidation(tx, topic, keys);
    return value;
  });
  for (const key of new Set(keys)) invalidateLocally(topic, key);
  return result;
}

/** Drops entries on this replica after a write committed elsewhere in this process (no transaction of ours). */
export function invalidateHere(topic: string, keys: string[]): void {
  for (const key of new Set(keys)) invalidateLocally(topic, key);
}

/**
 * One dedicated connection per process that LISTENs. After a lost connection every cache is
 * flushed: notifications sent while we were away are gone.
 */
export function startInvalidationListener(databaseUrl: string): { close(): Promise<void> } {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (message) => {
      if (!message.payload) return;
      let parsed: { origin: string; topic: string; key: string };
      try {
        parsed = JSON.parse(message.payload) as typeof parsed;
      } catch {
        // Anyone with database access can NOTIFY this channel; a throw here would end the process.
        console.error(`[cache] ignored a malformed invalidation: ${message.payload.slice(0, 200)}`);
        return;
      }
      if (parsed.origin !== origin()) invalidateLocally(parsed.topic, parsed.key);
    });
    next.on('error', (error) => {
      console.error(`[cache] invalidation listener lost its connection: ${error.message}`);
      scheduleReconnect();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      client = next;
      invalidateEverything();
    } catch (error) {
      console.error(`[cache] invalidation listener cannot connect: ${(error as Error).message}`);
      void next.end().catch(() => {});
      scheduleReconnect();
    }
  };
  const scheduleReconnect = () => {
    if (closed || retry) return;
    client = undefined;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 1000);
  };
  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}

export interface CacheOptions {
  max: number;
  /** A backstop only: entries are normally dropped by invalidation, not by age. */
  ttlMs: number;
}

/**
 * A read-through LRU cache bound to an invalidation topic. A load that raced with an
 * invalidation is returned to its caller but not kept, so the cache never holds a value older
 * than the last write it heard of. Concurrent misses for one key share one load.
 */
export class InvalidatingCache<V extends NonNullable<unknown>> {
  private readonly entries: LRUCache<string, V>;
  private readonly loading = new Map<string, { promise: Promise<V>; isStale: boolean }>();

  constructor(topic: string, options: CacheOptions) {
    this.entries = new LRUCache<string, V>({ max: options.max, ttl: options.ttlMs });
    onInvalidation(topic, (key) => this.invalidate(key));
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit !== undefined) return Promise.resolve(hit);
    const pending = this.loading.get(key);
    if (pending) return pending.promise;
    const flight = { promise: undefined as unknown as Promise<V>, isStale: false };
    flight.promise = load()
      .then((value) => {
        if (!flight.isStale) this.entries.set(key, value);
        return value;
      })
      .finally(() => {
        if (this.loading.get(key) === flight) this.loading.delete(key);
      });
    this.loading.set(key, flight);
    return flight.promise;
  }

  /** The cached value or undefined, without loading: lets a hot path skip a promise on a hit. */
  peek(key: string): V | undefined {
    return this.entries.get(key);
  }

  invalidate(key: string): void {
    // A load already running may have read the old row: it is not kept, and later callers start their own.
    const stale = key === ALL ? [...this.loading.values()] : [this.loading.get(key)];
    for (const flight of stale) if (flight) flight.isStale = true;
    if (key === ALL) {
      this.entries.clear();
      this.loading.clear();
    } else {
      this.entries.delete(key);
      this.loading.delete(key);
    }
  }
}
