import { z } from 'zod';

/**
 * The browser ↔ server half of a Session Manager session, over the `/console` socket.io
 * namespace. The server half (server/sessions/) and the terminal (components/sessions/) both
 * import this file; the server ↔ agent half is in agent/protocol.ts.
 *
 * Flow: `session:start` creates a session (authorised: ssm:StartSession on the node) and answers
 * its id; `session:attach` joins it (a new tab, or a reconnect after a network drop, or reopening
 * within the grace period) and replays output from `fromSeq`; output then arrives as
 * `session:output` events in order. The browser acknowledges what xterm has rendered with
 * `session:ack` (xterm's write callback): the server stops reading from the agent when too much is
 * unacknowledged, so a `cat` of 100 MB keeps server memory flat.
 */
export const SESSION_ID_PATTERN = /^[a-z0-9][a-z0-9._@-]{0,63}-[0-9a-f]{17}$/;
export const sessionIdSchema = z.string().regex(SESSION_ID_PATTERN, 'a session id looks like admin-0123456789abcdef0');

const dimension = z.number().int().min(1).max(1000);

export const sessionStartSchema = z.object({
  target: z.string().min(1).max(64),
  /** AWS-StartInteractiveCommand etc.; default the standard shell (SSM-SessionManagerRunShell). */
  documentName: z.string().min(1).max(128).optional(),
  parameters: z.record(z.string(), z.array(z.string().max(4096)).max(50)).optional(),
  cols: dimension,
  rows: dimension,
});
export type SessionStart = z.infer<typeof sessionStartSchema>;
export type SessionStartAnswer = { ok: true; sessionId: string } | { ok: false; error: string; message: string };

export const sessionAttachSchema = z.object({
  sessionId: sessionIdSchema,
  cols: dimension,
  rows: dimension,
  /** Replay output from this sequence number (the last one this tab rendered + 1); 0 = from the start of what the server still holds. */
  fromSeq: z.number().int().min(0).default(0),
});
export type SessionAttach = z.input<typeof sessionAttachSchema>;
export type SessionAttachAnswer =
  | { ok: true; status: SessionStatus; idleTimeoutSeconds: number; maxDurationSeconds: number; nodeId: string; runAs: string }
  | { ok: false; error: string; message: string };

export const sessionInputSchema = z.object({ sessionId: sessionIdSchema, data: z.string().max(1024 * 1024) });
export const sessionResizeSchema = z.object({ sessionId: sessionIdSchema, cols: dimension, rows: dimension });
export const sessionAckSchema = z.object({ sessionId: sessionIdSchema, seq: z.number().int().min(0) });
export const sessionIdOnlySchema = z.object({ sessionId: sessionIdSchema });

/** AWS's session statuses. */
export type SessionStatus = 'Connected' | 'Connecting' | 'Disconnected' | 'Terminated' | 'Terminating' | 'Failed';

/** Server → browser. `data` is binary (a Buffer on the server, an ArrayBuffer in the browser). */
export interface SessionOutputEvent {
  sessionId: string;
  seq: number;
  data: Uint8Array;
}
export interface SessionStatusEvent {
  sessionId: string;
  status: SessionStatus;
  /** Why it ended, in words (idle timeout, maximum duration, terminated by <user>, the node disconnected, the shell exited). */
  reason?: string;
}
export interface SessionIdleWarningEvent {
  sessionId: string;
  secondsLeft: number;
}

/** Event names, both directions. */
export const SESSION_EVENTS = {
  start: 'session:start',
  attach: 'session:attach',
  detach: 'session:detach',
  input: 'session:input',
  resize: 'session:resize',
  ack: 'session:ack',
  terminate: 'session:terminate',
  output: 'session:output',
  status: 'session:status',
  idleWarning: 'session:idle-warning',
  /** Server → client: the node took the input sent with this `seq` (see MAX_UNACKED_INPUT_BYTES). */
  inputAck: 'session:input-ack',
} as const;

/** Unacknowledged output (bytes) after which the server pauses the agent's PTY reads for this session. */
export const MAX_UNACKED_BYTES = 1024 * 1024;

/**
 * Input flow control, optional (a browser's typing never needs it; the CLI's port forwarding and
 * big uploads do): a `session:input` may carry `seq`, the client's own counter, and the server
 * answers `session:input-ack` with it once the node has taken those bytes. A client keeps at most
 * this much input unacknowledged, so a fast sender cannot pile data up in the server.
 */
export const MAX_UNACKED_INPUT_BYTES = 1024 * 1024;
export interface SessionInputAckEvent {
  sessionId: string;
  seq: number;
}
