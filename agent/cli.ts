import path from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, AgentRefusedError } from './agent';
import { joinOptionValues } from './args';
import { formatDiagnosis, runDiagnosis, uploadDiagnosis } from './diagnose';
import { acquireStateLock, readRegistration } from './state';
import { tagsSchema } from './protocol';

const USAGE = `usage:
  npm run agent -- register --server URL --code ACTIVATION_CODE --id ACTIVATION_ID [--state-dir DIR] [--name NAME] [--tags k=v,...]
  npm run agent -- start [--state-dir DIR] [--protected-path DIR ...]
  npm run agent -- diagnose [--state-dir DIR] [--no-upload]`;

const DEFAULT_STATE_DIR = path.resolve('.opsdeck-agent');

function parseTags(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  const tags: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [key, ...rest] = pair.split('=');
    if (!key || rest.length === 0) throw new Error(`--tags: '${pair}' is not key=value`);
    tags[key.trim()] = rest.join('=').trim();
  }
  const parsed = tagsSchema.safeParse(tags);
  if (!parsed.success) throw new Error(`--tags: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

async function register(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args: joinOptionValues(args, ['--server', '--code', '--id', '--state-dir', '--name', '--tags']),
    options: {
      server: { type: 'string' },
      code: { type: 'string' },
      id: { type: 'string' },
      'state-dir': { type: 'string' },
      name: { type: 'string' },
      tags: { type: 'string' },
    },
  });
  if (!values.server || !values.code || !values.id) throw new Error(`register needs --server, --code and --id\n${USAGE}`);
  const stateDir = path.resolve(values['state-dir'] ?? DEFAULT_STATE_DIR);
  const registration = await Agent.register({
    serverUrl: values.server,
    activationCode: values.code,
    activationId: values.id,
    stateDir,
    name: values.name,
    tags: parseTags(values.tags),
  });
  console.log(`registered as ${registration.nodeId}; credentials saved in ${stateDir}`);
}

async function start(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args: joinOptionValues(args, ['--state-dir', '--protected-path']),
    options: { 'state-dir': { type: 'string' }, 'protected-path': { type: 'string', multiple: true } },
  });
  const stateDir = path.resolve(values['state-dir'] ?? DEFAULT_STATE_DIR);
  const registration = readRegistration(stateDir);
  if (!registration) throw new Error(`${stateDir} holds no registration: run 'register' first`);
  const releaseLock = acquireStateLock(stateDir);
  // The file browser never reads the agent's own credentials, nor folders the operator names
  // (a server's data dir on the same machine holds its master key and database).
  const protectedPaths = [stateDir, ...(values['protected-path'] ?? []).map((dir) => path.resolve(dir))];
  // The state dir also holds the Run Command journal: it is what keeps commands from running twice.
  const agent = new Agent(registration, undefined, { protectedPaths, stateDir });
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  agent.on('online', (nodeId: string) => log(`online as ${nodeId} at ${registration.serverUrl}`));
  agent.on('offline', (reason: string) => log(`connection lost (${reason}); reconnecting`));
  agent.on('fatal', (error: AgentRefusedError) => {
    console.error(`the server refused this node: ${error.name}: ${error.message}`);
    releaseLock();
    process.exit(2);
  });
  const shutdown = async () => {
    await agent.stop();
    releaseLock();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  agent.start();
  log(`agent ${registration.nodeId} starting (state dir ${stateDir})`);
}

/** What a refusal of the node's credentials means for the person at the terminal. */
const REFUSAL_HINTS: Record<string, string> = {
  NodeDeregistered: '\nThis node was deregistered: its credentials are revoked. Register it again with a new activation.',
  InvalidNodeCredentials: '\nThe secret in the state dir is not the one the server issued. Register the node again.',
  NodeNotRegistered: '\nThe server does not know this node id (another server, or its database was reset). Register the node again.',
};

async function diagnose(args: string[]): Promise<void> {
  const { values } = parseArgs({ args: joinOptionValues(args, ['--state-dir']), options: { 'state-dir': { type: 'string' }, 'no-upload': { type: 'boolean' } } });
  const stateDir = path.resolve(values['state-dir'] ?? DEFAULT_STATE_DIR);
  const { report, registration, isServerReachable } = await runDiagnosis(stateDir);
  console.log(formatDiagnosis(report, registration?.nodeId));
  let isUploaded = false;
  if (registration && isServerReachable && !values['no-upload']) {
    const upload = await uploadDiagnosis(registration, report);
    isUploaded = upload.ok;
    console.log(
      upload.ok
        ? 'Report uploaded: the node\'s page in the console shows it.'
        : `The server refused the report: ${upload.code}: ${upload.message}${REFUSAL_HINTS[upload.code] ?? ''}`,
    );
  } else if (registration && !isServerReachable) {
    console.log('The server is not reachable, so the report stays here.');
  }
  const hasFailures = report.checks.some((check) => check.status === 'fail');
  process.exitCode = hasFailures || (registration && isServerReachable && !values['no-upload'] && !isUploaded) ? 1 : 0;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'register') return register(args);
  if (command === 'start') return start(args);
  if (command === 'diagnose') return diagnose(args);
  throw new Error(USAGE);
}

main().catch((error: unknown) => {
  const message = error instanceof AgentRefusedError ? `${error.name}: ${error.message}` : String((error as Error).message ?? error);
  console.error(message);
  process.exit(1);
});
