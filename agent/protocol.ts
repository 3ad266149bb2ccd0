/**
 * The agent <-> server protocol: event names and zod-checked payloads, imported by both sides.
 * Registration is one HTTP call; everything after it rides the socket.io `/agent` namespace.
 */
import { z } from 'zod';
import { checkNodePath } from './tools/paths';

export const AGENT_NAMESPACE = '/agent';
export const REGISTER_PATH = '/api/agent/register';

export const NODE_ID_PATTERN = /^mi-[0-9a-f]{17}$/;
export const nodeIdSchema = z.string().regex(NODE_ID_PATTERN, 'a node id looks like mi-0123456789abcdef0');

const tagKey = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, 'tag keys may contain letters, digits, spaces and _.:/=+-@');
const tagValue = z
  .string()
  .max(256)
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, 'tag values may contain letters, digits, spaces and _.:/=+-@');
export const tagsSchema = z
  .record(tagKey, tagValue)
  .refine((tags) => Object.keys(tags).length <= 50, 'a resource may have at most 50 tags');

export const nodeMetadataSchema = z.object({
  computerName: z.string().max(255),
  platformType: z.enum(['Linux', 'MacOS', 'Windows']),
  platformName: z.string().max(255),
  platformVersion: z.string().max(64),
  kernelVersion: z.string().max(255),
  architecture: z.string().max(32),
  ipAddresses: z.array(z.string().max(64)).max(64),
  agentVersion: z.string().max(32),
  /** When the node's kernel booted (epoch ms, the node's clock): a later value means it rebooted. */
  bootedAt: z.number().int().positive().optional(),
});
export type NodeMetadata = z.infer<typeof nodeMetadataSchema>;

export const registerRequestSchema = z.object({
  activationId: z.string().uuid('the activation id is a UUID like 8c1b5e0a-...'),
  activationCode: z.string().min(1, 'the activation code is required').max(128),
  name: z.string().trim().min(1).max(255).optional(),
  tags: tagsSchema.optional(),
  metadata: nodeMetadataSchema,
});
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

export const registerResponseSchema = z.object({ nodeId: nodeIdSchema, secret: z.string().min(32) });
export type RegisterResponse = z.infer<typeof registerResponseSchema>;

/**
 * socket.io handshake `auth` payload: the credentials issued at registration, plus the node's
 * current metadata (rebuilt on every reconnect, so a changed IP or kernel shows up at once).
 */
export const agentAuthSchema = z.object({
  nodeId: nodeIdSchema,
  secret: z.string().min(32).max(256),
  metadata: nodeMetadataSchema,
  /** The agent's clock (epoch ms) when it dialled: the server compares it with its own (clock skew). */
  sentAt: z.number().optional(),
});
export type AgentAuth = z.infer<typeof agentAuthSchema>;

export const welcomeSchema = z.object({ nodeId: nodeIdSchema, heartbeatSeconds: z.number().int().positive() });
export type Welcome = z.infer<typeof welcomeSchema>;

export const heartbeatSchema = z.object({ sentAt: z.number() });

/** Reasons the server refuses an agent's connection; the agent stops retrying on these. */
export const FATAL_CONNECT_ERRORS = ['NodeNotRegistered', 'NodeDeregistered', 'InvalidNodeCredentials'] as const;

export interface ServerToAgentEvents extends SessionServerToAgentEvents {
  welcome: (payload: Welcome) => void;
  /** A read-only request for the node's live views; answered through the socket.io ack. */
  'tool:request': (request: ToolRequest, ack: (response: ToolResponse) => void) => void;
  /** Acked as soon as the agent has journalled the invocation (so it will never run it twice). */
  'command:run': (run: CommandRun, ack: (received: { accepted: boolean }) => void) => void;
  'command:cancel': (cancel: z.infer<typeof commandCancelSchema>, ack: (done: { found: boolean }) => void) => void;
}

export interface AgentToServerEvents extends SessionAgentToServerEvents, AgentCallEvents {
  heartbeat: (payload: z.infer<typeof heartbeatSchema>) => void;
  'command:started': (started: z.infer<typeof commandStartedSchema>) => void;
  /** Acked once the chunk is stored; the agent keeps a bounded number of chunks unacknowledged. */
  'command:output': (chunk: CommandOutput, ack: () => void) => void;
  'command:result': (result: CommandResult, ack: (answer: CommandResultAck) => void) => void;
}

// ---------------------------------------------------------------------------------------------
// Node tools: read-only requests the server makes of a connected agent (live metrics, processes,
// files, OS users). One event; the answer rides socket.io's ack, which also works through the
// Redis adapter when the agent is connected to another replica.
// ---------------------------------------------------------------------------------------------

export const TOOL_REQUEST_EVENT = 'tool:request';

/**
 * socket.io refuses any message over its maxHttpBufferSize (1 MB by default) by closing the
 * connection; every answer stays under this budget, so big things (files) travel in chunks.
 */
export const MAX_TOOL_RESPONSE_BYTES = 768 * 1024;
/** 512 KiB of file is 683 KiB of base64: one chunk per answer, inside the budget. */
export const FILE_CHUNK_BYTES = 512 * 1024;
/** The text viewer's limit; bigger files are offered as downloads. */
export const TEXT_FILE_LIMIT_BYTES = 1024 * 1024;
export const DOWNLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
export const MAX_PROCESSES = 2000;
export const MAX_DIRECTORY_ENTRIES = 5000;
export const MAX_OS_USERS = 5000;

/** An absolute, normalised path on the node; see agent/tools/paths.ts for what each check blocks. */
export const nodePathSchema = z.string().transform((text, context) => {
  const checked = checkNodePath(text);
  if (!checked.ok) {
    context.addIssue({ code: 'custom', message: checked.reason });
    return z.NEVER;
  }
  return checked.path;
});

export const toolArgsSchemas = {
  'metrics.sample': z.object({}).strict(),
  'processes.list': z.object({}).strict(),
  'files.list': z.object({ path: nodePathSchema }).strict(),
  'files.read': z
    .object({
      path: nodePathSchema,
      offset: z.number().int().min(0).max(DOWNLOAD_LIMIT_BYTES),
      length: z.number().int().min(1).max(FILE_CHUNK_BYTES),
      /** `view` must be text and within TEXT_FILE_LIMIT_BYTES; `download` within DOWNLOAD_LIMIT_BYTES. */
      purpose: z.enum(['view', 'download']),
    })
    .strict(),
  'users.list': z.object({}).strict(),
} as const;
export type ToolName = keyof typeof toolArgsSchemas;
export const TOOL_NAMES = Object.keys(toolArgsSchemas) as [ToolName, ...ToolName[]];
export type ToolArgs<T extends ToolName> = z.input<(typeof toolArgsSchemas)[T]>;

export const toolRequestSchema = z.object({
  requestId: z.string().uuid(),
  tool: z.string().max(64),
  args: z.unknown(),
});
export type ToolRequest = { requestId: string; tool: ToolName; args: unknown };

/** Agent-side failures, by name: the server passes them on to the console as they are. */
export const TOOL_ERROR_CODES = [
  'ValidationException',
  'UnknownTool',
  'AgentBusy',
  'FileNotFound',
  'NotADirectory',
  'NotARegularFile',
  'IsADirectory',
  'BinaryFile',
  'FileTooLarge',
  'ProtectedPath',
  'NodePermissionDenied',
  'ToolFailed',
] as const;
export type ToolErrorCode = (typeof TOOL_ERROR_CODES)[number];

export const toolErrorSchema = z.object({ code: z.enum(TOOL_ERROR_CODES), message: z.string().max(2000) });
export type ToolError = z.infer<typeof toolErrorSchema>;

export const toolResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), requestId: z.string(), result: z.unknown() }),
  z.object({ ok: z.literal(false), requestId: z.string(), error: toolErrorSchema }),
]);
export type ToolResponse = z.infer<typeof toolResponseSchema>;

const bytes = z.number().int().min(0);
const percent = z.number().min(0).max(100_000);

export const metricsSampleSchema = z.object({
  sampledAt: z.number(),
  /** The span the CPU and network rates were measured over. */
  intervalMs: z.number().min(0),
  uptimeSeconds: z.number().min(0),
  cpu: z.object({ percent, cores: z.number().int().min(1) }),
  load: z.tuple([z.number(), z.number(), z.number()]),
  memory: z.object({ totalBytes: bytes, availableBytes: bytes, usedBytes: bytes, percent, swapTotalBytes: bytes, swapUsedBytes: bytes }),
  disks: z
    .array(z.object({ mountPoint: z.string(), device: z.string(), fsType: z.string(), totalBytes: bytes, usedBytes: bytes, availableBytes: bytes, percent }))
    .max(64),
  network: z
    .array(
      z.object({
        interface: z.string(),
        rxBytes: bytes,
        txBytes: bytes,
        rxBytesPerSecond: z.number().min(0),
        txBytesPerSecond: z.number().min(0),
        /** Loopback, bridges, veth, ifb...: counting them with the NICs would count traffic twice. */
        isVirtual: z.boolean().optional(),
      }),
    )
    .max(64),
});
export type MetricsSample = z.infer<typeof metricsSampleSchema>;

export const processInfoSchema = z.object({
  pid: z.number().int(),
  ppid: z.number().int(),
  user: z.string(),
  uid: z.number().int(),
  /** R running, S sleeping, D disk wait, Z zombie, T stopped, I idle ... as in /proc/PID/stat. */
  state: z.string().max(2),
  name: z.string(),
  command: z.string(),
  /** Of one core over the sampling interval, as top shows it (may exceed 100 on several cores). */
  cpuPercent: percent,
  rssBytes: bytes,
  threads: z.number().int().min(0),
});
export type ProcessInfo = z.infer<typeof processInfoSchema>;

export const processListSchema = z.object({
  sampledAt: z.number(),
  intervalMs: z.number().min(0),
  total: z.number().int().min(0),
  truncated: z.boolean(),
  processes: z.array(processInfoSchema).max(MAX_PROCESSES),
});
export type ProcessList = z.infer<typeof processListSchema>;

export const FILE_TYPES = ['file', 'directory', 'symlink', 'fifo', 'socket', 'block-device', 'char-device', 'unknown'] as const;
export type FileType = (typeof FILE_TYPES)[number];

export const directoryEntrySchema = z.object({
  name: z.string(),
  type: z.enum(FILE_TYPES),
  size: bytes,
  /** Permission bits with setuid/setgid/sticky, e.g. 0o755. */
  mode: z.number().int().min(0).max(0o7777),
  uid: z.number().int(),
  gid: z.number().int(),
  owner: z.string().nullable(),
  group: z.string().nullable(),
  mtime: z.number(),
  /** For symlinks: where the link points, and what is there ('missing' when it dangles). */
  linkTarget: z.string().optional(),
  targetType: z.enum([...FILE_TYPES, 'missing']).optional(),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

export const directoryListingSchema = z.object({
  path: z.string(),
  /** The path with every symlink resolved; differs from `path` when a link was followed. */
  realPath: z.string(),
  total: z.number().int().min(0),
  truncated: z.boolean(),
  entries: z.array(directoryEntrySchema).max(MAX_DIRECTORY_ENTRIES),
});
export type DirectoryListing = z.infer<typeof directoryListingSchema>;

export const fileChunkSchema = z.object({
  path: z.string(),
  realPath: z.string(),
  size: bytes,
  mtime: z.number(),
  offset: bytes,
  data: z.string().max(Math.ceil(FILE_CHUNK_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'data is base64'),
  eof: z.boolean(),
});
export type FileChunk = z.infer<typeof fileChunkSchema>;

export const osUsersSchema = z.object({
  truncated: z.boolean(),
  users: z
    .array(
      z.object({
        name: z.string(),
        uid: z.number().int(),
        gid: z.number().int(),
        primaryGroup: z.string().nullable(),
        gecos: z.string(),
        home: z.string(),
        shell: z.string(),
        /** Supplementary groups from /etc/group. */
        groups: z.array(z.string()),
        /** False for nologin/false shells: a service account. */
        hasLoginShell: z.boolean(),
      }),
    )
    .max(MAX_OS_USERS),
  groups: z.array(z.object({ name: z.string(), gid: z.number().int(), members: z.array(z.string()) })).max(MAX_OS_USERS),
});
export type OsUsers = z.infer<typeof osUsersSchema>;

export const toolResultSchemas = {
  'metrics.sample': metricsSampleSchema,
  'processes.list': processListSchema,
  'files.list': directoryListingSchema,
  'files.read': fileChunkSchema,
  'users.list': osUsersSchema,
} as const satisfies Record<ToolName, z.ZodType>;
export type ToolResult<T extends ToolName> = z.infer<(typeof toolResultSchemas)[T]>;

// ---------------------------------------------------------------------------------------------
// `npm run agent -- diagnose`: the agent's own report, uploaded when the server is reachable.
// ---------------------------------------------------------------------------------------------

export const DIAGNOSIS_PATH = '/api/agent/diagnosis';
export const DIAGNOSIS_CHECKS = ['registration', 'credentials-file', 'dns', 'tcp', 'tls', 'http', 'clock'] as const;

export const diagnosisCheckSchema = z.object({
  name: z.enum(DIAGNOSIS_CHECKS),
  status: z.enum(['ok', 'warning', 'fail', 'skipped']),
  summary: z.string().max(500),
  detail: z.string().max(2000).optional(),
  durationMs: z.number().min(0).optional(),
});
export type DiagnosisCheck = z.infer<typeof diagnosisCheckSchema>;

export const diagnosisReportSchema = z.object({
  ranAt: z.string().datetime(),
  agentVersion: z.string().max(32),
  computerName: z.string().max(255),
  serverUrl: z.string().max(2048),
  /** Local clock minus the server's Date header, when the server answered. */
  clockSkewMs: z.number().nullable(),
  checks: z.array(diagnosisCheckSchema).max(DIAGNOSIS_CHECKS.length),
});
export type DiagnosisReport = z.infer<typeof diagnosisReportSchema>;

export const diagnosisUploadSchema = z.object({
  nodeId: nodeIdSchema,
  secret: z.string().min(32).max(256),
  report: diagnosisReportSchema,
});
export type DiagnosisUpload = z.infer<typeof diagnosisUploadSchema>;

// ---------------------------------------------------------------------------------------------
// Run Command. The server sends one `command:run` per invocation (a command on one node) with the
// document's steps already resolved (parameters substituted, nested documents inlined). The agent
// runs each invocation exactly once (it journals invocation ids in its state dir), streams output
// as `command:output` chunks by byte offset, and finishes with `command:result`, which it keeps
// re-sending (after reconnects too) until the server acknowledges it as stored.
// ---------------------------------------------------------------------------------------------

export const COMMAND_RUN_EVENT = 'command:run';
export const COMMAND_CANCEL_EVENT = 'command:cancel';
export const COMMAND_OUTPUT_EVENT = 'command:output';
export const COMMAND_STARTED_EVENT = 'command:started';
export const COMMAND_RESULT_EVENT = 'command:result';

/** Output chunks stay well inside socket.io's 1 MB message limit. */
export const OUTPUT_CHUNK_BYTES = 256 * 1024;
export const COMMAND_PLUGINS = ['aws:runShellScript', 'aws:runDocument', 'aws:downloadContent', 'aws:softwareInventory', 'aws:runPatchBaseline'] as const;
export type CommandPluginName = (typeof COMMAND_PLUGINS)[number];

/** `{"StringEquals": ["platformType", "Linux"]}`: the only precondition SSM documents define. */
export const preconditionSchema = z.object({ StringEquals: z.tuple([z.string(), z.string()]) }).strict();

export interface CommandStep {
  /** The step's `name` (schema 2.2), used as the plugin name in results. */
  name: string;
  action: CommandPluginName;
  precondition?: z.infer<typeof preconditionSchema>;
  /** Inputs with every `{{ parameter }}` already substituted by the server. */
  inputs: Record<string, unknown>;
  /** For aws:runDocument: the nested document's steps, resolved by the server. */
  steps?: CommandStep[];
}

export const commandStepSchema: z.ZodType<CommandStep> = z.lazy(() =>
  z.object({
    name: z.string().min(1).max(128),
    action: z.enum(COMMAND_PLUGINS),
    precondition: preconditionSchema.optional(),
    inputs: z.record(z.string(), z.unknown()),
    steps: z.array(commandStepSchema).max(100).optional(),
  }),
);

export const commandRunSchema = z.object({
  invocationId: z.string().uuid(),
  commandId: z.string().uuid(),
  documentName: z.string(),
  steps: z.array(commandStepSchema).min(1).max(100),
  /** Whole-invocation limit; a step's own `timeoutSeconds` input may be shorter. */
  executionTimeoutSeconds: z.number().int().min(1).max(172_800),
  /** OS user to run the steps as (the agent must be root to switch); absent = the agent's own user. */
  runAs: z.string().regex(/^[a-z_][a-z0-9_-]*[$]?$/i).max(32).optional(),
});
export type CommandRun = z.infer<typeof commandRunSchema>;

export const commandCancelSchema = z.object({ invocationId: z.string().uuid() });

export const OUTPUT_STREAMS = ['stdout', 'stderr'] as const;
export type OutputStream = (typeof OUTPUT_STREAMS)[number];

export const commandOutputSchema = z.object({
  invocationId: z.string().uuid(),
  /** Index of the step in `CommandRun.steps`. */
  plugin: z.number().int().min(0).max(99),
  stream: z.enum(OUTPUT_STREAMS),
  /** Byte offset of `data` within the step's stream. */
  offset: z.number().int().min(0),
  data: z.instanceof(Uint8Array).refine((data) => data.byteLength <= OUTPUT_CHUNK_BYTES, 'chunk too large'),
});
export type CommandOutput = z.infer<typeof commandOutputSchema>;

export const commandStartedSchema = z.object({ invocationId: z.string().uuid(), startedAt: z.number() });

export const PLUGIN_STATUSES = ['Success', 'Failed', 'TimedOut', 'Cancelled', 'Skipped'] as const;
export type PluginStatus = (typeof PLUGIN_STATUSES)[number];

export const pluginResultSchema = z.object({
  name: z.string(),
  action: z.enum(COMMAND_PLUGINS),
  status: z.enum(PLUGIN_STATUSES),
  /** The script's exit code; -1 when it was killed or never started. */
  exitCode: z.number().int(),
  /** Node clock, epoch ms; absent for a step that never started. */
  startedAt: z.number().optional(),
  endedAt: z.number().optional(),
  /** Total bytes written to each stream: the server checks it holds all of them. */
  stdoutBytes: z.number().int().min(0),
  stderrBytes: z.number().int().min(0),
  /** Why the agent failed or skipped the step when the script itself could not say (bad input, precondition...). */
  message: z.string().max(2000).optional(),
});
export type PluginResult = z.infer<typeof pluginResultSchema>;

export const INVOCATION_RESULT_STATUSES = ['Success', 'Failed', 'TimedOut', 'Cancelled'] as const;

export const commandResultSchema = z.object({
  invocationId: z.string().uuid(),
  status: z.enum(INVOCATION_RESULT_STATUSES),
  /** TimedOut carries ExecutionTimedOut; a run cut short by an agent restart says so here. */
  statusDetails: z.string().max(64),
  startedAt: z.number(),
  endedAt: z.number(),
  plugins: z.array(pluginResultSchema).max(100),
  /** The last output not yet sent as chunks, so a short command is one message. */
  tail: z.array(commandOutputSchema.omit({ invocationId: true })).max(400),
});
export type CommandResult = z.infer<typeof commandResultSchema>;

/** The server's answer to a result: stored, or which stream ranges it lacks (resend them, then the result). */
export const commandResultAckSchema = z.discriminatedUnion('stored', [
  z.object({ stored: z.literal(true) }),
  z.object({
    stored: z.literal(false),
    missing: z.array(z.object({ plugin: z.number().int().min(0), stream: z.enum(OUTPUT_STREAMS), offset: z.number().int().min(0) })),
  }),
]);
export type CommandResultAck = z.infer<typeof commandResultAckSchema>;

// ---------------------------------------------------------------------------------------------
// Session Manager. The server opens a session on the node with `session:open` (a PTY for shells
// and interactive commands, an outbound TCP connection for port forwarding and SSH: nothing ever
// listens on the node), relays the client's bytes as `session:input`, and receives what the node
// produces as numbered `session:output` chunks. Flow control: the agent stops reading the PTY (or
// the TCP socket) while more than SESSION_WINDOW_BYTES of output is unacknowledged; the server acks
// with `session:ack` once the chunk is recorded and the client has rendered it. Resumable: when the
// server connection drops the agent keeps the session for its grace period, holding what it has
// not had acknowledged (a bounded buffer: the PTY pauses when it is full, so nothing is dropped);
// on reconnect the server sends `session:reattach` with the next sequence number it lacks, and the
// agent replays from there. Binary payloads are Buffers, which socket.io sends as attachments.
// ---------------------------------------------------------------------------------------------

export const SESSION_OPEN_EVENT = 'session:open';
export const SESSION_REATTACH_EVENT = 'session:reattach';
export const SESSION_INPUT_EVENT = 'session:input';
export const SESSION_RESIZE_EVENT = 'session:resize';
export const SESSION_CLOSE_EVENT = 'session:close';
export const SESSION_ACK_EVENT = 'session:ack';
export const SESSION_OUTPUT_EVENT = 'session:output';
export const SESSION_CLOSED_EVENT = 'session:closed';
export const SESSION_FILE_WRITE_EVENT = 'session:file-write';
export const SESSION_FILE_READ_EVENT = 'session:file-read';
export const SESSION_KNOWN_EVENT = 'session:known';
export const SESSION_INPUT_ACK_EVENT = 'session:input-ack';

/** Unacknowledged output after which the agent pauses a session's PTY or socket. */
export const SESSION_WINDOW_BYTES = 1024 * 1024;
/** One output or input message; socket.io refuses messages over 1 MB. */
export const SESSION_CHUNK_BYTES = 256 * 1024;
/** How long an agent keeps a session whose server connection dropped, unless told otherwise. */
export const DEFAULT_SESSION_GRACE_SECONDS = 600;
/** The OS user sessions run as when none is configured (AWS's is ssm-user). */
export const DEFAULT_RUN_AS_USER = 'opsdeck-user';
/** File transfer chunks through a session (well inside socket.io's 1 MB message limit). */
export const SESSION_FILE_CHUNK_BYTES = 512 * 1024;

/** The ids the server issues: `<username>-<17 hex>` (checked in server/sessions/console-contract.ts too). */
const agentSessionId = z.string().regex(/^[a-z0-9][a-z0-9._@-]{0,63}-[0-9a-f]{17}$/, 'a session id looks like admin-0123456789abcdef0');
/** An OS user name: reaches useradd and the passwd lookup, so no options (leading '-') and no paths. */
export const osUserNameSchema = z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'an OS user name is lowercase letters, digits, _ and - (at most 32, not starting with -)');
/** A DNS name or an IP address; it only reaches net.connect, never a shell. */
export const forwardHostSchema = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9.:_-]{0,252}$/, 'the host is a DNS name or an IP address');
const dimension = z.number().int().min(1).max(1000);
/** Buffers on Node (socket.io decodes binary attachments to Buffers), Uint8Arrays in a browser. */
const binary = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected binary data');

export const SESSION_KINDS = ['shell', 'command', 'port', 'ssh'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const sessionOpenSchema = z
  .object({
    sessionId: agentSessionId,
    kind: z.enum(SESSION_KINDS),
    runAs: osUserNameSchema,
    cols: dimension,
    rows: dimension,
    /** Typed into the shell once it starts (AWS's shellProfile), one command per line. */
    shellProfile: z.string().max(4096).optional(),
    /** For `command`: run with `sh -c` in the PTY (AWS-StartInteractiveCommand). */
    command: z.string().min(1).max(4096).optional(),
    /** For `port` (default localhost) and `ssh` (always localhost). */
    host: forwardHostSchema.optional(),
    port: z.number().int().min(1).max(65535).optional(),
    /** How long to keep the session after the server connection drops. */
    graceSeconds: z.number().int().min(0).max(86_400).default(DEFAULT_SESSION_GRACE_SECONDS),
  })
  .refine((open) => open.kind !== 'command' || open.command !== undefined, { message: 'a command session needs a command', path: ['command'] })
  .refine((open) => open.kind !== 'port' || open.port !== undefined, { message: 'a port session needs a port', path: ['port'] });
export type SessionOpen = z.input<typeof sessionOpenSchema>;

/** `runAs` is who the session really runs as: the agent's own user when it cannot switch (not root). */
export type SessionOpenAnswer = { ok: true; runAs: string; note?: string } | { ok: false; error: string; message: string };

export const sessionReattachSchema = z.object({ sessionId: agentSessionId, fromSeq: z.number().int().min(0) });
export type SessionReattachAnswer = { ok: true } | { ok: false; error: string; message: string };

export const sessionInputSchema = z.object({
  sessionId: agentSessionId,
  data: binary.refine((data) => data.byteLength <= SESSION_CHUNK_BYTES, 'input chunk too large'),
  /** When set, the agent answers `session:input-ack` with it once the PTY or the TCP connection took the bytes (input flow control). */
  seq: z.number().int().min(0).optional(),
});
export const sessionResizeSchema = z.object({ sessionId: agentSessionId, cols: dimension, rows: dimension });
export const sessionCloseSchema = z.object({ sessionId: agentSessionId, reason: z.string().max(500).optional() });
/**
 * Sent on every (re)connection after the reattaches: the sessions the server relays for this node.
 * The agent closes any other it still holds (its server restarted and forgot them), instead of
 * keeping them for the whole grace period.
 */
export const sessionKnownSchema = z.object({ sessionIds: z.array(agentSessionId).max(10_000) });

/** Every chunk up to and including `seq` is stored and rendered: the agent may forget it. */
export const sessionAckSchema = z.object({ sessionId: agentSessionId, seq: z.number().int().min(0) });

export const sessionOutputSchema = z.object({
  sessionId: agentSessionId,
  /** 0, 1, 2... per session, never reused: the server drops a chunk it already has after a replay. */
  seq: z.number().int().min(0),
  data: binary.refine((data) => data.byteLength <= SESSION_CHUNK_BYTES, 'output chunk too large'),
});
export type SessionOutput = z.infer<typeof sessionOutputSchema>;

export const sessionClosedSchema = z.object({
  sessionId: agentSessionId,
  /** In words: "the shell exited", "the remote end closed the connection", "no server reattached within 600 s". */
  reason: z.string().max(500),
  exitCode: z.number().int().optional(),
  /** Output chunks sent before closing: the server waits for them (it may still lack some after a replay). */
  lastSeq: z.number().int().min(-1).optional(),
});
export type SessionClosed = z.infer<typeof sessionClosedSchema>;

/** File transfer through a session, as the session's OS user (so the node's own permissions apply). */
export const sessionFileWriteSchema = z.object({
  sessionId: agentSessionId,
  path: nodePathSchema,
  offset: z.number().int().min(0),
  data: binary.refine((data) => data.byteLength <= SESSION_FILE_CHUNK_BYTES, 'file chunk too large'),
  /** The first chunk creates or truncates the file. */
  isFirst: z.boolean(),
});
export const sessionFileReadSchema = z.object({
  sessionId: agentSessionId,
  path: nodePathSchema,
  offset: z.number().int().min(0),
  length: z.number().int().min(1).max(SESSION_FILE_CHUNK_BYTES),
});
export type SessionFileAnswer =
  | { ok: true; data?: Uint8Array; eof?: boolean; size?: number }
  | { ok: false; error: string; message: string };

export interface SessionServerToAgentEvents {
  'session:open': (open: SessionOpen, ack: (answer: SessionOpenAnswer) => void) => void;
  'session:reattach': (reattach: z.infer<typeof sessionReattachSchema>, ack: (answer: SessionReattachAnswer) => void) => void;
  'session:input': (input: z.infer<typeof sessionInputSchema>) => void;
  'session:resize': (resize: z.infer<typeof sessionResizeSchema>) => void;
  'session:close': (close: z.infer<typeof sessionCloseSchema>) => void;
  'session:ack': (ack: z.infer<typeof sessionAckSchema>) => void;
  'session:known': (known: z.infer<typeof sessionKnownSchema>) => void;
  'session:file-write': (write: z.input<typeof sessionFileWriteSchema>, ack: (answer: SessionFileAnswer) => void) => void;
  'session:file-read': (read: z.input<typeof sessionFileReadSchema>, ack: (answer: SessionFileAnswer) => void) => void;
}

export const sessionInputAckSchema = z.object({ sessionId: agentSessionId, seq: z.number().int().min(0) });

export interface SessionAgentToServerEvents {
  'session:output': (output: SessionOutput) => void;
  'session:input-ack': (ack: z.infer<typeof sessionInputAckSchema>) => void;
  'session:closed': (closed: SessionClosed) => void;
}

// ---------------------------------------------------------------------------------------------
// Inventory and Patch Manager. The `aws:softwareInventory` and `aws:runPatchBaseline` plugins
// run inside a Run Command invocation like any other step, and talk to the server while they run
// through agent -> server events answered by socket.io's ack. Baseline logic lives only on the
// server (`patch:evaluate`), so what a scan decides and what DescribeEffectivePatchesForPatchBaseline
// shows can never disagree.
// ---------------------------------------------------------------------------------------------

export const INVENTORY_PUT_EVENT = 'inventory:put';
export const PATCH_EVALUATE_EVENT = 'patch:evaluate';
export const PATCH_REPORT_EVENT = 'patch:report';

/** Every answer to a plugin's call: the server's result, or why it refused, in words. */
export type ServerCallAnswer<T> = { ok: true; result: T } | { ok: false; error: string };

const inventoryValue = z.string().max(4096);
/** One inventory type as PutInventory takes it (AWS's InventoryItem). */
export const inventoryItemSchema = z.object({
  TypeName: z
    .string()
    .min(1)
    .max(100)
    .regex(/^(AWS|Custom):[a-zA-Z0-9_\-:./]{1,90}$/, 'a type name is AWS:Name or Custom:Name'),
  SchemaVersion: z.string().regex(/^([0-9]{1,6})(\.[0-9]{1,6})$/, 'a schema version looks like 1.0'),
  CaptureTime: z.string().regex(/^(20)[0-9][0-9]-(0[1-9]|1[012])-([12][0-9]|3[01]|0[1-9])(T)(2[0-3]|[0-1][0-9])(:[0-5][0-9])(:[0-5][0-9])(Z)$/, 'CaptureTime is UTC like 2026-12-02T10:00:00Z'),
  ContentHash: z.string().max(256).optional(),
  Content: z.array(z.record(z.string().min(1).max(64), inventoryValue)).max(10_000).optional(),
  Context: z.record(z.string(), z.string().max(4096)).optional(),
});
export type InventoryItem = z.infer<typeof inventoryItemSchema>;

/** One type per call: a node's package list alone can be hundreds of KiB, under socket.io's 1 MB. */
export const inventoryPutSchema = z.object({ invocationId: z.string().uuid().optional(), item: inventoryItemSchema });
export type InventoryPut = z.infer<typeof inventoryPutSchema>;
export type InventoryPutResult = { changed: boolean };

export const PATCH_OPERATIONS = ['Scan', 'Install'] as const;
export type PatchOperation = (typeof PATCH_OPERATIONS)[number];
export const REBOOT_OPTIONS = ['RebootIfNeeded', 'NoReboot'] as const;
export type RebootOption = (typeof REBOOT_OPTIONS)[number];

/** Per-patch states as DescribeInstancePatches reports them. */
export const PATCH_STATES = ['Installed', 'InstalledOther', 'InstalledPendingReboot', 'InstalledRejected', 'Missing', 'Failed', 'NotApplicable'] as const;
export type PatchState = (typeof PATCH_STATES)[number];

/**
 * A package update the node's package manager offers (or an installed package, for rejected-list
 * checks). Fields mirror AWS's Patch type for Linux: Debian/Ubuntu fill section and priority,
 * RHEL-likes fill classification and severity from `dnf updateinfo`.
 */
export const nodePatchSchema = z.object({
  name: z.string().min(1).max(256),
  arch: z.string().max(32).default(''),
  /** Version installed now; absent when the package is not installed. */
  installedVersion: z.string().max(256).optional(),
  /** Version the update would install; absent for an installed package with no update. */
  availableVersion: z.string().max(256).optional(),
  /** Repository/origin the update comes from, e.g. `opsdeck-security` or `bookworm-security`. */
  repository: z.string().max(256).default(''),
  /** apt section (e.g. `security`, `utils`), dnf: empty. */
  section: z.string().max(128).default(''),
  /** apt Priority (`required`, `important`, `optional`, ...), dnf: empty. */
  priority: z.string().max(64).default(''),
  /** dnf updateinfo type (`Security`, `Bugfix`, `Enhancement`), apt: `Security` when from a security origin, else `Bugfix`. */
  classification: z.string().max(64).default(''),
  /** dnf updateinfo severity (`Critical`, `Important`, `Moderate`, `Low`), apt: empty. */
  severity: z.string().max(64).default(''),
  /** Release date of the update, epoch ms (apt: the Release file's Date or the package's own field; dnf: updateinfo issued). */
  releaseDate: z.number().int().optional(),
  cveIds: z.array(z.string().max(32)).max(200).default([]),
});
export type NodePatch = z.infer<typeof nodePatchSchema>;

export const patchEvaluateSchema = z.object({
  invocationId: z.string().uuid(),
  operation: z.enum(PATCH_OPERATIONS),
  /** Offered updates (availableVersion set). */
  updates: z.array(nodePatchSchema).max(20_000),
  /** Installed packages (name, arch, installedVersion), for the rejected list and InstalledOther. */
  installed: z.array(nodePatchSchema).max(50_000),
});
export type PatchEvaluate = z.infer<typeof patchEvaluateSchema>;

/** What the baseline says about one offered update. */
export type PatchDecision = 'Approved' | 'Rejected' | 'NotApproved';
export interface PatchEvaluateResult {
  baselineId: string;
  patchGroup: string | null;
  /** Identifies the baseline as evaluated (its id and last change), as AWS's SnapshotId does. */
  snapshotId: string;
  rejectedPatchesAction: 'ALLOW_AS_DEPENDENCY' | 'BLOCK';
  /** Extra repositories the baseline names (apt `sources.list` lines / yum `.repo` bodies). */
  sources: { name: string; products: string[]; configuration: string }[];
  /** One per offered update, in the order sent. Only Approved updates are reported (Missing/Installed/Failed). */
  decisions: { name: string; decision: PatchDecision; complianceLevel: string; classification: string; severity: string }[];
  /**
   * One per installed package, in the order sent: Approved -> Installed, Rejected -> InstalledRejected,
   * NotApproved -> InstalledOther.
   */
  installedDecisions: PatchDecision[];
  /** Names on the baseline's approved list that the node neither has nor is offered (NotApplicable). */
  notApplicable: string[];
}

export const patchReportEntrySchema = z.object({
  Title: z.string().min(1).max(512),
  KBId: z.string().min(1).max(256),
  Classification: z.string().max(64),
  Severity: z.string().max(64),
  State: z.enum(PATCH_STATES),
  InstalledTime: z.number().int().optional(),
  CVEIds: z.string().max(4000).optional(),
});
export type PatchReportEntry = z.infer<typeof patchReportEntrySchema>;

export const patchReportSchema = z.object({
  invocationId: z.string().uuid(),
  operation: z.enum(PATCH_OPERATIONS),
  rebootOption: z.enum(REBOOT_OPTIONS),
  baselineId: z.string().max(128),
  snapshotId: z.string().max(256),
  patchGroup: z.string().max(256).nullable(),
  /** Set when an InstallOverrideList replaced the baseline's choice. */
  installOverrideList: z.string().max(2048).optional(),
  startedAt: z.number(),
  endedAt: z.number(),
  /** True when the node still needs a reboot to finish what was installed. */
  rebootRequired: z.boolean(),
  /** True when the agent is rebooting the node now (RebootIfNeeded): the server scans it once it is back. */
  isRebooting: z.boolean().optional(),
  patches: z.array(patchReportEntrySchema).max(50_000),
});
export type PatchReport = z.infer<typeof patchReportSchema>;

export interface AgentCallEvents {
  'inventory:put': (payload: InventoryPut, ack: (answer: ServerCallAnswer<InventoryPutResult>) => void) => void;
  'patch:evaluate': (payload: PatchEvaluate, ack: (answer: ServerCallAnswer<PatchEvaluateResult>) => void) => void;
  'patch:report': (payload: PatchReport, ack: (answer: ServerCallAnswer<{ stored: true }>) => void) => void;
}

/** The answer type of one of the plugin calls above. */
export type AgentCallAnswer<E extends keyof AgentCallEvents> = Parameters<Parameters<AgentCallEvents[E]>[1]>[0];
export type AgentCallPayload<E extends keyof AgentCallEvents> = Parameters<AgentCallEvents[E]>[0];
