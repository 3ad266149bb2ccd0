import { z } from 'zod';
import { validationError } from '@/server/errors';
import { SESSION_STREAM_NAMESPACE } from '@/server/sessions/socket-handlers';
import { sessionRelay } from '@/server/sessions/relay';
import { querySessions, resumeSession, startSession, terminateSession, toAwsSession } from '@/server/sessions/service';
import { defineOperation } from '../operation';
import { decodeNextToken, nextTokenAfter } from '../pagination';

/**
 * Session Manager's API. StreamUrl is Opsdeck's own (AWS's points at ssmmessages): a socket.io
 * namespace on this server that `npm run opsdeck -- session ...` connects to with the TokenValue.
 * The AWS CLI's `start-session` needs AWS's session-manager-plugin and does not speak it;
 * describe-sessions, terminate-session and resume-session work as they are.
 */
function streamUrl(sessionId: string): string {
  const url = new URL(SESSION_STREAM_NAMESPACE, sessionRelay().streamBaseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('sessionId', sessionId);
  return url.toString();
}

/** The size a CLI session starts at; the CLI sends its terminal's real size as it attaches. */
const DEFAULT_COLS = 80;
const DEFAULT_ROWS = 24;

export const StartSession = defineOperation({
  name: 'StartSession',
  input: z.object({
    Target: z.string({ message: 'Target is required' }).min(1).max(400),
    DocumentName: z.string().max(128).optional(),
    Parameters: z.record(z.string(), z.array(z.string())).optional(),
    Reason: z.string().max(256).optional(),
  }),
  async run(input, caller) {
    const { row, token } = await startSession(
      caller,
      { target: input.Target, documentName: input.DocumentName, parameters: input.Parameters, cols: DEFAULT_COLS, rows: DEFAULT_ROWS },
      { issueToken: true, reason: input.Reason },
    );
    return { SessionId: row.id, TokenValue: token, StreamUrl: streamUrl(row.id) };
  },
});

export const TerminateSession = defineOperation({
  name: 'TerminateSession',
  input: z.object({ SessionId: z.string({ message: 'SessionId is required' }).min(1).max(96) }),
  async run(input, caller) {
    const { sessionId } = await terminateSession(caller, input.SessionId);
    return { SessionId: sessionId };
  },
});

export const ResumeSession = defineOperation({
  name: 'ResumeSession',
  input: z.object({ SessionId: z.string({ message: 'SessionId is required' }).min(1).max(96) }),
  async run(input, caller) {
    const { row, token } = await resumeSession(caller, input.SessionId);
    return { SessionId: row.id, TokenValue: token, StreamUrl: streamUrl(row.id) };
  },
});

const FILTER_KEYS = ['InvokedAfter', 'InvokedBefore', 'Target', 'Owner', 'Status', 'SessionId'] as const;

function dateFilter(key: string, value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw validationError(`${key}: '${value}' is not a date (use ISO 8601, like 2026-11-23T00:00:00Z)`);
  return date;
}

export const DescribeSessions = defineOperation({
  name: 'DescribeSessions',
  input: z.object({
    State: z.enum(['Active', 'History'], { message: "State is 'Active' or 'History'" }),
    Filters: z.array(z.object({ key: z.enum(FILTER_KEYS), value: z.string().min(1).max(400) })).max(6).optional(),
    MaxResults: z.number().int().min(1).max(200).optional(),
    NextToken: z.string().optional(),
  }),
  async run(input, caller) {
    const offset = decodeNextToken('DescribeSessions', input.NextToken);
    const filters = Object.fromEntries((input.Filters ?? []).map((filter) => [filter.key, filter.value])) as Partial<Record<(typeof FILTER_KEYS)[number], string>>;
    const maxResults = input.MaxResults ?? 20;
    const page = await querySessions(caller, {
      state: input.State,
      target: filters.Target,
      owner: filters.Owner,
      status: filters.Status,
      sessionId: filters.SessionId,
      invokedAfter: filters.InvokedAfter ? dateFilter('InvokedAfter', filters.InvokedAfter) : undefined,
      invokedBefore: filters.InvokedBefore ? dateFilter('InvokedBefore', filters.InvokedBefore) : undefined,
      maxResults,
      offset,
    });
    return { Sessions: page.rows.map(toAwsSession), NextToken: nextTokenAfter('DescribeSessions', offset, page.rows.length, page.hasMore) };
  },
});
