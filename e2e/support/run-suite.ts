/**
 * `npm test`: the whole suite on a fresh machine. Installs what the tests need from Debian's
 * packages when missing, builds the console, then type check, lint, unit + integration (Vitest,
 * real PostgreSQL and agents) and browser tests (Playwright on Debian's Chromium).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'e2e', 'artifacts');
const BIN = path.join(ROOT, 'node_modules', '.bin');

/** Debian packages the tests drive for real, keyed by the file that shows they are installed. */
const SYSTEM_PACKAGES: Record<string, string> = {
  '/usr/bin/chromium': 'chromium',
  '/usr/bin/aws': 'awscli',
  // Session Manager's SSH test and latency benchmark compare against a real OpenSSH.
  '/usr/sbin/sshd': 'openssh-server',
  '/usr/bin/ssh': 'openssh-client',
  // Two replicas behind the socket.io Redis adapter (Session Manager across replicas).
  '/usr/bin/redis-server': 'redis-server',
};

function run(label: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n=== ${label}: ${[path.basename(command), ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const isOk = result.status === 0;
  console.log(`=== ${label}: ${isOk ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds}s`);
  return isOk;
}

function ensureSystemPackages(): boolean {
  const missing = Object.entries(SYSTEM_PACKAGES).filter(([file]) => !fs.existsSync(file)).map(([, name]) => name);
  if (missing.length === 0) return true;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...args: string[]) => (sudo.length ? run('apt', 'sudo', ['apt-get', ...args]) : run('apt', 'apt-get', args));
  return apt('update', '-qq') && apt('install', '-y', '-qq', ...missing);
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function vitestCounts(): Counts {
  const file = path.join(ARTIFACTS, 'vitest.json');
  if (!fs.existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightCounts(): Counts {
  const file = path.join(ARTIFACTS, 'playwright.json');
  if (!fs.existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const { stats } = JSON.parse(fs.readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

function main(): number {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const steps: [string, () => boolean][] = [
    ['system packages', ensureSystemPackages],
    ['build', () => run('build', path.join(BIN, 'next'), ['build'])],
    ['typecheck', () => run('typecheck', path.join(BIN, 'tsc'), ['--noEmit'])],
    ['lint', () => run('lint', path.join(BIN, 'eslint'), ['.'])],
    ['unit + integration', () => run('vitest', path.join(BIN, 'vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(ARTIFACTS, 'vitest.json')}`])],
    ['browser', () => run('playwright', path.join(BIN, 'playwright'), ['test'])],
  ];
  const failedSteps: string[] = [];
  for (const [label, step] of steps) {
    if (!step()) {
      failedSteps.push(label);
      // Without packages or a build nothing after can say anything useful.
      if (label === 'system packages' || label === 'build') break;
    }
  }
  const counts = [vitestCounts(), playwrightCounts()].reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }));
  // A runner's exit code is not trusted alone: a failed test anywhere fails the suite.
  if (counts.failed > 0 && failedSteps.length === 0) failedSteps.push('tests (a runner exited 0 despite failures)');
  console.log(`\n${failedSteps.length ? `failed steps: ${failedSteps.join(', ')}` : 'all steps passed'}`);
  console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  return failedSteps.length === 0 && counts.failed === 0 && counts.passed > 0 ? 0 : 1;
}

process.exit(main());
