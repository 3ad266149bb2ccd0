/**
 * `npm run agent -- diagnose`: what stands between this node and the server, checked in order
 * (registration, credentials file, DNS, TCP, TLS, HTTP health, clock) and reported in words. When
 * the server answers, the report is uploaded so the node's page shows it.
 */
import dns from 'node:dns/promises';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { AGENT_VERSION } from './metadata';
import { DIAGNOSIS_PATH, type DiagnosisCheck, type DiagnosisReport } from './protocol';
import { readRegistration, type Registration } from './state';

const NETWORK_TIMEOUT_MS = 5_000;
/** The server's Date header has one-second resolution; closer than this is "in sync". */
const CLOCK_OK_MS = 5_000;
/** Beyond this, signed requests and time-limited tokens stop working. */
const CLOCK_FAIL_MS = 5 * 60_000;

export interface DiagnosisRun {
  report: DiagnosisReport;
  registration: Registration | null;
  /** Set when the server answered /api/health: uploading makes sense then. */
  isServerReachable: boolean;
}

type Check = Omit<DiagnosisCheck, 'name'>;

async function timed(work: () => Promise<Check>): Promise<Check> {
  const started = performance.now();
  const check = await work();
  return { ...check, durationMs: Math.round(performance.now() - started) };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
    }),
  ]);
}

const errorText = (error: unknown) => {
  const { code, message } = error as NodeJS.ErrnoException;
  return code && !message.includes(code) ? `${code}: ${message}` : message;
};

function checkCredentialsFile(stateDir: string): Check {
  const file = path.join(stateDir, 'registration.json');
  const mode = fs.statSync(file).mode & 0o777;
  const dirMode = fs.statSync(stateDir).mode & 0o777;
  const problems: string[] = [];
  // The node secret lets anyone who reads it act as this node.
  if (mode & 0o077) problems.push(`${file} is mode ${mode.toString(8).padStart(4, '0')}: other users can read the node secret; run chmod 600 ${file}`);
  if (dirMode & 0o077) problems.push(`${stateDir} is mode ${dirMode.toString(8).padStart(4, '0')}; run chmod 700 ${stateDir}`);
  if (problems.length > 0) return { status: 'warning', summary: problems[0]!, detail: problems.join('\n') };
  return { status: 'ok', summary: `${file} is mode 0600 in a 0700 folder` };
}

async function resolveHost(host: string): Promise<{ check: Check; address?: string }> {
  if (net.isIP(host)) return { check: { status: 'skipped', summary: `the server address ${host} is an IP address; nothing to resolve` }, address: host };
  try {
    const addresses = await withTimeout(dns.lookup(host, { all: true }), NETWORK_TIMEOUT_MS, `resolving ${host}`);
    return { check: { status: 'ok', summary: `${host} resolves to ${addresses.map((entry) => entry.address).join(', ')}` }, address: addresses[0]?.address };
  } catch (error) {
    return { check: { status: 'fail', summary: `${host} does not resolve (${errorText(error)}); check /etc/resolv.conf or /etc/hosts` } };
  }
}

function connectTcp(address: string, port: number): Promise<Check> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    const done = (check: Check) => {
      socket.destroy();
      resolve(check);
    };
    socket.setTimeout(NETWORK_TIMEOUT_MS, () => done({ status: 'fail', summary: `no answer from ${address}:${port} within ${NETWORK_TIMEOUT_MS / 1000} s (a firewall dropping packets?)` }));
    socket.once('connect', () => done({ status: 'ok', summary: `connected to ${address}:${port}` }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done({
        status: 'fail',
        summary:
          error.code === 'ECONNREFUSED'
            ? `${address}:${port} refused the connection: nothing listens there (is the server running on that port?)`
            : `cannot connect to ${address}:${port} (${errorText(error)})`,
      }),
    );
  });
}

function checkTls(host: string, address: string, port: number): Promise<Check> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: address, port, servername: net.isIP(host) ? undefined : host, rejectUnauthorized: false });
    const done = (check: Check) => {
      socket.destroy();
      resolve(check);
    };
    socket.setTimeout(NETWORK_TIMEOUT_MS, () => done({ status: 'fail', summary: `the TLS handshake with ${host}:${port} did not finish within ${NETWORK_TIMEOUT_MS / 1000} s` }));
    socket.once('error', (error) => done({ status: 'fail', summary: `TLS with ${host}:${port} failed (${errorText(error)})` }));
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate();
      const subject = certificate.subject?.CN ?? 'an unnamed subject';
      const validTo = certificate.valid_to ? new Date(certificate.valid_to) : undefined;
      const detail = `${socket.getProtocol()}; certificate for ${subject} issued by ${certificate.issuer?.CN ?? certificate.issuer?.O ?? 'an unknown issuer'}, valid until ${validTo?.toISOString() ?? '?'}`;
      if (!socket.authorized) {
        return done({ status: 'fail', summary: `the server's certificate is not trusted (${String(socket.authorizationError)}); the agent will refuse it`, detail });
      }
      if (validTo && validTo.getTime() - Date.now() < 14 * 86_400_000) {
        return done({ status: 'warning', summary: `the server's certificate expires on ${validTo.toISOString().slice(0, 10)}`, detail });
      }
      done({ status: 'ok', summary: detail });
    });
  });
}

async function checkHealth(serverUrl: string): Promise<{ http: Check; clock: Check; clockSkewMs: number | null }> {
  const url = new URL('/api/health', serverUrl);
  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(NETWORK_TIMEOUT_MS * 2), redirect: 'manual' });
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return {
      http: { status: 'fail', summary: `GET ${url} failed (${errorText(cause ?? error)})` },
      clock: { status: 'skipped', summary: 'the server did not answer, so its clock is unknown' },
      clockSkewMs: null,
    };
  }
  const receivedAt = Date.now();
  const body = (await response.json().catch(() => ({}))) as { status?: string; db?: string; reason?: string };
  const http: Check =
    response.status === 200 && body.status === 'ok'
      ? { status: 'ok', summary: `${url.pathname} answered ok (database ${body.db ?? '?'})` }
      : response.status === 503
        ? { status: 'fail', summary: `the server runs but is not ready: ${body.reason ?? 'HTTP 503'}` }
        : { status: 'fail', summary: `${url} answered HTTP ${response.status}; is this an Opsdeck server (a proxy in between?)` };

  const dateHeader = response.headers.get('date');
  if (!dateHeader) return { http, clock: { status: 'skipped', summary: 'the server sent no Date header' }, clockSkewMs: null };
  // The header is truncated to the second: its true instant is on average half a second later.
  const serverTime = new Date(dateHeader).getTime() + 500;
  const skew = Math.round((sentAt + receivedAt) / 2 - serverTime);
  const seconds = Math.round(Math.abs(skew) / 1000);
  const direction = skew > 0 ? 'ahead of' : 'behind';
  const clock: Check =
    Math.abs(skew) < CLOCK_OK_MS
      ? { status: 'ok', summary: `this node's clock is within ${Math.max(seconds, 1)} s of the server's` }
      : {
          status: Math.abs(skew) < CLOCK_FAIL_MS ? 'warning' : 'fail',
          summary: `this node's clock is ${seconds} s ${direction} the server's; synchronise it with NTP (chrony or systemd-timesyncd)`,
        };
  return { http, clock, clockSkewMs: skew };
}

/** Runs every check; never throws for what it finds (a failure is a finding). */
export async function runDiagnosis(stateDir: string): Promise<DiagnosisRun> {
  const checks: DiagnosisCheck[] = [];
  const add = (name: DiagnosisCheck['name'], check: Check) => checks.push({ name, ...check });
  const skipRest = (names: DiagnosisCheck['name'][], why: string) => names.forEach((name) => add(name, { status: 'skipped', summary: why }));

  let registration: Registration | null = null;
  try {
    registration = readRegistration(stateDir);
    add(
      'registration',
      registration
        ? { status: 'ok', summary: `registered as ${registration.nodeId} with ${registration.serverUrl} on ${registration.registeredAt}` }
        : { status: 'fail', summary: `${stateDir} holds no registration: run 'npm run agent -- register' first (or pass --state-dir)` },
    );
  } catch (error) {
    add('registration', { status: 'fail', summary: (error as Error).message });
  }
  const report = (extra: Partial<DiagnosisReport> = {}): DiagnosisReport => ({
    ranAt: new Date().toISOString(),
    agentVersion: AGENT_VERSION,
    computerName: os.hostname(),
    serverUrl: registration?.serverUrl ?? '',
    clockSkewMs: null,
    checks,
    ...extra,
  });
  if (!registration) {
    skipRest(['credentials-file', 'dns', 'tcp', 'tls', 'http', 'clock'], 'needs a registration');
    return { report: report(), registration, isServerReachable: false };
  }

  add('credentials-file', checkCredentialsFile(stateDir));
  const url = new URL(registration.serverUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);

  let address: string | undefined;
  add('dns', await timed(async () => {
    const resolved = await resolveHost(host);
    address = resolved.address;
    return resolved.check;
  }));
  if (!address) {
    skipRest(['tcp', 'tls', 'http', 'clock'], `needs ${host} to resolve`);
    return { report: report(), registration, isServerReachable: false };
  }
  const tcp = await timed(() => connectTcp(address!, port));
  add('tcp', tcp);
  if (tcp.status === 'fail') {
    skipRest(['tls', 'http', 'clock'], `needs a TCP connection to ${host}:${port}`);
    return { report: report(), registration, isServerReachable: false };
  }
  if (url.protocol === 'https:') add('tls', await timed(() => checkTls(host, address!, port)));
  else {
    const isLoopback = host === 'localhost' || host === '::1' || host.startsWith('127.');
    add('tls', isLoopback
      ? { status: 'skipped', summary: 'the server URL is http:// on this machine; no TLS to check' }
      : { status: 'warning', summary: `the server URL is http://: the node's secret and traffic cross the network unencrypted; use https://` });
  }
  const started = performance.now();
  const health = await checkHealth(registration.serverUrl);
  add('http', { ...health.http, durationMs: Math.round(performance.now() - started) });
  add('clock', health.clock);
  return { report: report({ clockSkewMs: health.clockSkewMs }), registration, isServerReachable: health.http.status === 'ok' };
}

/** Sends the report with the node's credentials; resolves with the server's refusal in words if any. */
export async function uploadDiagnosis(registration: Registration, report: DiagnosisReport): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  try {
    const response = await fetch(new URL(DIAGNOSIS_PATH, registration.serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nodeId: registration.nodeId, secret: registration.secret, report }),
      signal: AbortSignal.timeout(NETWORK_TIMEOUT_MS * 2),
    });
    if (response.ok) return { ok: true };
    const body = (await response.json().catch(() => ({}))) as { __type?: string; message?: string };
    return { ok: false, code: body.__type ?? `HTTP${response.status}`, message: body.message ?? response.statusText };
  } catch (error) {
    return { ok: false, code: 'NetworkError', message: errorText((error as { cause?: unknown }).cause ?? error) };
  }
}

const MARKS: Record<DiagnosisCheck['status'], string> = { ok: '[ ok ]', warning: '[warn]', fail: '[FAIL]', skipped: '[skip]' };

/** The report as people read it in a terminal. */
export function formatDiagnosis(report: DiagnosisReport, nodeId?: string): string {
  const width = Math.max(...report.checks.map((check) => check.name.length));
  const lines = [
    `Opsdeck agent diagnosis${nodeId ? ` for ${nodeId}` : ''} on ${report.computerName} (agent ${report.agentVersion}), ${report.ranAt}`,
    `Server: ${report.serverUrl || '(unknown)'}`,
    '',
    ...report.checks.map((check) => {
      const timing = check.durationMs !== undefined && check.status !== 'skipped' ? ` (${check.durationMs} ms)` : '';
      return `  ${MARKS[check.status]} ${check.name.padEnd(width)}  ${check.summary}${timing}`;
    }),
  ];
  const failed = report.checks.filter((check) => check.status === 'fail').length;
  const warned = report.checks.filter((check) => check.status === 'warning').length;
  lines.push('', failed + warned === 0 ? 'Everything checked is fine.' : `${failed} failed, ${warned} warning${warned === 1 ? '' : 's'}.`);
  return lines.join('\n');
}
