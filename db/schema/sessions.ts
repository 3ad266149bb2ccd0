import { bigint, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp } from 'drizzle-orm/pg-core';

/** AWS's session statuses (the console contract has the same list). */
export const SESSION_STATUSES = ['Connected', 'Connecting', 'Disconnected', 'Terminated', 'Terminating', 'Failed'] as const;
export type SessionRowStatus = (typeof SESSION_STATUSES)[number];

/**
 * One Session Manager session: a shell, an interactive command or a port forward on one node.
 * The row exists before the agent is asked to open anything, so a session can never run unrecorded.
 */
export const sessions = pgTable(
  'sessions',
  {
    /** `<username>-<17 hex>`, as AWS's; policies match `session/${aws:username}-*`. */
    id: text('id').primaryKey(),
    nodeId: text('node_id').notNull(),
    nodeName: text('node_name').notNull().default(''),
    owner: text('owner').notNull(),
    ownerUserId: text('owner_user_id').notNull(),
    status: text('status').$type<SessionRowStatus>().notNull().default('Connecting'),
    /** shell | command | port | ssh (agent/protocol.ts SESSION_KINDS). */
    kind: text('kind').notNull(),
    documentName: text('document_name').notNull(),
    parameters: jsonb('parameters').$type<Record<string, string[]>>().notNull().default({}),
    /** The OS user the node actually runs it as (the agent says when it could not switch). */
    runAs: text('run_as').notNull(),
    /** Why it ended, in words (idle timeout, terminated by <user>, the shell exited...). */
    reason: text('reason'),
    /** Why it was started: StartSession's `Reason`, as the user gave it (AWS's DescribeSessions `Reason`). */
    startReason: text('start_reason'),
    sourceIp: text('source_ip'),
    /** SHA-256 of the StartSession token (the CLI's stream credential); never the token. */
    tokenHash: text('token_hash'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    /** Clients that attached so far: a later attach is a resume (ssm:ResumeSession). */
    attachCount: integer('attach_count').notNull().default(0),
    recordingBytes: bigint('recording_bytes', { mode: 'number' }).notNull().default(0),
    recordingChunks: integer('recording_chunks').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('sessions_status_started_idx').on(t.status, t.startedAt),
    index('sessions_started_idx').on(t.startedAt),
    index('sessions_owner_idx').on(t.owner, t.startedAt),
    index('sessions_node_idx').on(t.nodeId, t.startedAt),
  ],
);

/**
 * A session's recording in asciicast v2, in chunks of at most 256 KiB of text, each encrypted
 * with its own data key (server/crypto/envelope.ts) bound to `session-recording:<id>:<index>`.
 * Chunk 0 starts with the asciicast header line.
 */
export const sessionRecordings = pgTable(
  'session_recordings',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    chunkIndex: integer('chunk_index').notNull(),
    /** Seconds since the session started, of the chunk's first event (for seeking without decrypting all). */
    startTime: real('start_time').notNull(),
    plainBytes: integer('plain_bytes').notNull(),
    ciphertext: text('ciphertext').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.chunkIndex] })],
);

export type SessionRow = typeof sessions.$inferSelect;
export type SessionRecordingRow = typeof sessionRecordings.$inferSelect;
