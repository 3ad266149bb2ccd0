/**
 * `npm run opsdeck -- <command>`: Session Manager from a terminal, authenticated with an Opsdeck
 * access key (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), against OPSDECK_ENDPOINT (or
 * AWS_ENDPOINT_URL, or --endpoint-url; default http://127.0.0.1:3000).
 *
 *   session start --target mi-... [--document-name AWS-StartInteractiveCommand --parameters '{"command":["top"]}']
 *   port-forward --target mi-... --remote-port 5432 --local-port 15432 [--remote-host 10.0.0.5]
 *   ssh-proxy mi-... [--port 22]        (ssh -o ProxyCommand='npm run -s opsdeck -- ssh-proxy %h' user@mi-...)
 *
 * Each calls StartSession (SigV4-signed, like the AWS CLI) and connects to the StreamUrl it
 * answers with the session token. Port forwarding starts one session per accepted connection;
 * nothing listens on the node, only here, on 127.0.0.1.
 */
import net from 'node:net';
import { parseArgs } from 'node:util';
import { signJsonRequest, type Credentials } from './sigv4-sign';
import { connectSessionStream, type SessionStream } from './session-stream';

class CliError extends Error {}

interface Client {
  endpoint: URL;
  region: string;
  credentials: Credentials;
}

function clientFrom(values: { 'endpoint-url'?: string; region?: string }): Client {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new CliError('set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to an Opsdeck access key (Settings → Users → access keys)');
  const endpoint = values['endpoint-url'] ?? process.env.OPSDECK_ENDPOINT ?? process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:3000';
  return {
    endpoint: new URL(endpoint),
    region: values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    credentials: { accessKeyId, secretAccessKey, sessionToken: process.env.AWS_SESSION_TOKEN },
  };
}

async function callSsm<T>(client: Client, operation: string, input: unknown): Promise<T> {
  const body = JSON.stringify(input);
  const url = new URL('/', client.endpoint);
  const response = await fetch(url, { method: 'POST', headers: signJsonRequest(url, `AmazonSSM.${operation}`, body, client.credentials, client.region), body });
  const answer = (await response.json().catch(() => ({}))) as T & { __type?: string; message?: string };
  if (!response.ok) throw new CliError(`${operation} failed: ${answer.__type ?? response.status}: ${answer.message ?? response.statusText}`);
  return answer;
}

interface Started {
  SessionId: string;
  TokenValue: string;
  StreamUrl: string;
}

/** Why, for the session list and DescribeSessions' Reason (`--reason`). */
let startReason: string | undefined;

function startSession(client: Client, target: string, documentName?: string, parameters?: Record<string, string[]>): Promise<Started> {
  return callSsm<Started>(client, 'StartSession', { Target: target, DocumentName: documentName, Parameters: parameters, Reason: startReason });
}

/** An interactive session on this terminal: raw mode, resize on SIGWINCH, exit when it ends. */
async function runInteractive(client: Client, target: string, documentName?: string, parameters?: Record<string, string[]>): Promise<number> {
  const started = await startSession(client, target, documentName, parameters);
  const isTty = process.stdin.isTTY === true && process.stdout.isTTY === true;
  process.stderr.write(`\nStarting session with SessionId: ${started.SessionId}\n\n`);
  return new Promise((resolve) => {
    const stream = connectSessionStream({
      streamUrl: started.StreamUrl,
      sessionId: started.SessionId,
      token: started.TokenValue,
      cols: process.stdout.columns ?? 80,
      rows: process.stdout.rows ?? 24,
      onOutput: (data, done) => void process.stdout.write(data, () => done()),
      onIdleWarning: (secondsLeft) => process.stderr.write(`\r\n[opsdeck] the session is idle and ends in ${secondsLeft} s unless you type something\r\n`),
      onEnd: (status, reason) => {
        if (isTty) process.stdin.setRawMode(false);
        process.stdin.pause();
        process.stderr.write(`\n\nExiting session with sessionId: ${started.SessionId} (${status}${reason ? `: ${reason}` : ''}).\n\n`);
        resolve(status === 'Failed' ? 1 : 0);
      },
    });
    if (isTty) {
      process.stdin.setRawMode(true);
      process.stdout.on('resize', () => stream.resize(process.stdout.columns, process.stdout.rows));
    }
    process.stdin.on('data', (data: Buffer) => stream.send(data));
  });
}

/** Bytes both ways between a local byte stream and a session (port forwarding, SSH). */
function pipeSession(started: Started, input: NodeJS.ReadableStream, output: NodeJS.WritableStream, onEnd: (reason?: string) => void): SessionStream {
  // When our input ends we terminate the session ourselves; the server's "terminated by <us>"
  // that may arrive before the stream closes is then no news to report.
  let isEndedHere = false;
  const stream = connectSessionStream({
    streamUrl: started.StreamUrl,
    sessionId: started.SessionId,
    token: started.TokenValue,
    onOutput: (data, done) => void output.write(data, () => done()),
    onEnd: (_status, reason) => onEnd(isEndedHere ? undefined : reason),
    // Input flow control: reading resumes once the node has taken enough of what was sent.
    onInputRoom: () => input.resume(),
  });
  // The stream queues what arrives before it is attached, so nothing typed or sent early is lost.
  input.on('data', (data: Buffer) => {
    stream.send(data);
    if (stream.isInputFull) input.pause();
  });
  input.on('end', () => {
    isEndedHere = true;
    void stream.terminate().then(() => stream.close());
  });
  return stream;
}

async function portForward(client: Client, target: string, remotePort: number, localPort: number, remoteHost?: string): Promise<number> {
  const documentName = remoteHost ? 'AWS-StartPortForwardingSessionToRemoteHost' : 'AWS-StartPortForwardingSession';
  const parameters: Record<string, string[]> = { portNumber: [String(remotePort)], localPortNumber: [String(localPort)], ...(remoteHost ? { host: [remoteHost] } : {}) };
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.pause();
    startSession(client, target, documentName, parameters).then(
      (started) => {
        process.stderr.write(`Connection accepted for session [${started.SessionId}]\n`);
        // end(), not destroy(): the last output may still be on its way out of this socket.
        const stream = pipeSession(started, socket, socket, () => socket.end());
        socket.on('close', () => void stream.terminate().then(() => stream.close()));
        socket.resume();
      },
      (error: Error) => {
        process.stderr.write(`${error.message}\n`);
        socket.destroy();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(localPort, '127.0.0.1', resolve);
  });
  const port = (server.address() as net.AddressInfo).port;
  process.stderr.write(`Port ${port} opened for ${target} → ${remoteHost ?? 'localhost'}:${remotePort}.\nWaiting for connections...\n`);
  // Tests and scripts read the chosen port from this line when --local-port is 0.
  process.stdout.write(`${JSON.stringify({ localPort: port })}\n`);
  return new Promise(() => {});
}

async function sshProxy(client: Client, target: string, port: number): Promise<number> {
  const started = await startSession(client, target, 'AWS-StartSSHSession', { portNumber: [String(port)] });
  return new Promise((resolve) => {
    pipeSession(started, process.stdin, process.stdout, (reason) => {
      if (reason && !/closed the connection/.test(reason)) process.stderr.write(`[opsdeck] ${reason}\n`);
      // Exit only once what was written has left this process.
      process.stdout.write('', () => resolve(0));
    });
  });
}

const USAGE = `usage:
  npm run opsdeck -- session start --target mi-... [--document-name NAME] [--parameters JSON]
  npm run opsdeck -- port-forward --target mi-... --remote-port 5432 --local-port 15432 [--remote-host 10.0.0.5]
  npm run opsdeck -- ssh-proxy mi-... [--port 22]
options: --endpoint-url URL (or OPSDECK_ENDPOINT), --region REGION, --reason TEXT; credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY`;

function portOption(value: string | undefined, name: string, allowZero = false): number {
  const port = Number(value);
  if (value === undefined || !Number.isInteger(port) || port < (allowZero ? 0 : 1) || port > 65535) throw new CliError(`--${name} must be a port number${allowZero ? ' (0 picks a free one)' : ''}`);
  return port;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      target: { type: 'string' },
      'document-name': { type: 'string' },
      parameters: { type: 'string' },
      'remote-port': { type: 'string' },
      'local-port': { type: 'string' },
      'remote-host': { type: 'string' },
      port: { type: 'string' },
      'endpoint-url': { type: 'string' },
      region: { type: 'string' },
      reason: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || positionals.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const [command, sub] = positionals;
  const client = clientFrom(values);
  startReason = values.reason;
  const requireTarget = (given?: string) => {
    if (!given) throw new CliError('--target mi-... is required');
    return given;
  };
  if (command === 'session' && sub === 'start') {
    const parameters = values.parameters ? (JSON.parse(values.parameters) as Record<string, string[]>) : undefined;
    return runInteractive(client, requireTarget(values.target), values['document-name'], parameters);
  }
  if (command === 'port-forward') {
    return portForward(client, requireTarget(values.target), portOption(values['remote-port'], 'remote-port'), portOption(values['local-port'] ?? '0', 'local-port', true), values['remote-host']);
  }
  if (command === 'ssh-proxy') {
    // ssh's %h is the host as typed: `user@mi-...` gives `mi-...`; a `.opsdeck` suffix may be used to select this proxy in ssh_config.
    const target = requireTarget(sub ?? values.target).replace(/\.opsdeck$/, '');
    return sshProxy(client, target, portOption(values.port ?? '22', 'port'));
  }
  throw new CliError(`unknown command '${positionals.join(' ')}'\n${USAGE}`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`opsdeck: ${error instanceof CliError ? error.message : ((error as Error).stack ?? String(error))}\n`);
    process.exit(1);
  },
);
