/**
 * Automation engine figures, over the real SSM API against a real server and embedded PostgreSQL:
 *
 *   - `api_steps`: many executions of a 5-step runbook of aws:executeAwsApi and aws:branch steps
 *     (no node involved), started together: executions/s, steps/s, and each execution's start-to-end
 *     time (p50/p99) — the engine's own overhead per transition;
 *   - `sleep_wake`: executions whose one step is `aws:sleep PT2S`; how late each wakes (its end
 *     minus start minus 2 s), since wake-ups go through the pg-boss queue, not in-memory timers;
 *   - `resume_after_sigkill`: executions parked in a sleep when the server is killed with SIGKILL;
 *     from the restarted server being healthy to every one of them finishing.
 *
 *   npm run bench:automation
 *   BENCH_EXECUTIONS=100 npm run bench:automation
 *
 * Prints one JSON object on stdout; progress goes to stderr.
 */
import os from 'node:os';
import { CreateDocumentCommand, GetAutomationExecutionCommand, PutParameterCommand, StartAutomationExecutionCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { BOOTSTRAP_ENV, ssmClient } from '../e2e/support/aws';
import { startServer, type TestServer } from '../e2e/support/server';
import { cpuSecondsOf, rssMb } from './support/proc';
import { withScratchDatabase } from './support/scratch';
import { integerFromEnv, percentile } from './support/stats';

const EXECUTIONS = integerFromEnv('BENCH_EXECUTIONS', 200, 10, 5000);
const SLEEPERS = integerFromEnv('BENCH_SLEEPERS', 50, 1, 1000);
const TERMINAL = new Set(['Success', 'Failed', 'TimedOut', 'Cancelled']);

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const API_RUNBOOK = `
schemaVersion: '0.3'
parameters:
  Name: { type: String, default: /bench/automation/flag }
mainSteps:
  - name: read
    action: aws:executeAwsApi
    inputs: { Service: ssm, Api: GetParameter, Name: '{{ Name }}' }
    outputs: [{ Name: Value, Selector: $.Parameter.Value, Type: String }]
  - name: decide
    action: aws:branch
    inputs:
      Choices: [{ NextStep: describe, Variable: '{{ read.Value }}', StringEquals: 'on' }]
      Default: off
  - name: describe
    action: aws:executeAwsApi
    inputs: { Service: ssm, Api: DescribeInstanceInformation }
  - name: tag
    action: aws:executeAwsApi
    inputs: { Service: ssm, Api: GetParameter, Name: '{{ Name }}' }
  - name: off
    action: aws:executeAwsApi
    inputs: { Service: ssm, Api: GetParameter, Name: '{{ Name }}' }
`;

const SLEEP_RUNBOOK = `
schemaVersion: '0.3'
mainSteps:
  - name: nap
    action: aws:sleep
    inputs: { Duration: PT2S }
`;

interface Ended {
  status: string;
  startMs: number;
  endMs: number;
  steps: number;
}

async function waitForAll(ssm: SSMClient, ids: string[], timeoutMs: number): Promise<Map<string, Ended>> {
  const ended = new Map<string, Ended>();
  const deadline = Date.now() + timeoutMs;
  while (ended.size < ids.length) {
    if (Date.now() > deadline) throw new Error(`${ids.length - ended.size} executions did not end within ${timeoutMs / 1000}s`);
    for (const id of ids.filter((candidate) => !ended.has(candidate))) {
      const { AutomationExecution: execution } = await ssm.send(new GetAutomationExecutionCommand({ AutomationExecutionId: id }));
      if (!TERMINAL.has(execution!.AutomationExecutionStatus!)) continue;
      ended.set(id, { status: execution!.AutomationExecutionStatus!, startMs: execution!.ExecutionStartTime!.getTime(), endMs: execution!.ExecutionEndTime!.getTime(), steps: execution!.StepExecutions!.length });
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return ended;
}

async function startMany(ssm: SSMClient, documentName: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const { AutomationExecutionId } = await ssm.send(new StartAutomationExecutionCommand({ DocumentName: documentName }));
      ids.push(AutomationExecutionId!);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return ids;
}

function durations(ended: Map<string, Ended>, minus = 0) {
  const samples = [...ended.values()].map((entry) => entry.endMs - entry.startMs - minus);
  return { p50_ms: percentile(samples, 50), p99_ms: percentile(samples, 99), max_ms: Math.max(...samples) };
}

async function apiSteps(ssm: SSMClient, serverPid: number) {
  log(`api_steps: ${EXECUTIONS} executions of a 5-step runbook`);
  const cpuBefore = cpuSecondsOf(serverPid);
  const started = performance.now();
  const ids = await startMany(ssm, 'Bench-ApiSteps', EXECUTIONS);
  const ended = await waitForAll(ssm, ids, 600_000);
  const seconds = (performance.now() - started) / 1000;
  const steps = [...ended.values()].reduce((sum, entry) => sum + entry.steps, 0);
  const failed = [...ended.values()].filter((entry) => entry.status !== 'Success').length;
  return {
    executions: EXECUTIONS,
    failed,
    steps_run: steps,
    wall_seconds: Number(seconds.toFixed(2)),
    executions_per_s: Number((EXECUTIONS / seconds).toFixed(1)),
    steps_per_s: Number((steps / seconds).toFixed(1)),
    execution_duration: durations(ended),
    server_cpu_ms_per_step: Number((((cpuSecondsOf(serverPid) - cpuBefore) * 1000) / steps).toFixed(2)),
  };
}

async function sleepWake(ssm: SSMClient) {
  log(`sleep_wake: ${SLEEPERS} executions sleeping 2 s`);
  const ids = await startMany(ssm, 'Bench-Sleep', SLEEPERS);
  const ended = await waitForAll(ssm, ids, 120_000);
  return { executions: SLEEPERS, lateness: durations(ended, 2000) };
}

async function resumeAfterKill(server: TestServer, databaseUrl: string): Promise<{ server: TestServer; figures: Record<string, number> }> {
  let ssm = ssmClient(server.url);
  log(`resume_after_sigkill: ${SLEEPERS} executions asleep when the server is killed`);
  const ids = await startMany(ssm, 'Bench-Sleep', SLEEPERS);
  await new Promise((resolve) => setTimeout(resolve, 500));
  await server.kill();
  const restartBegan = performance.now();
  const restarted = await startServer({ databaseUrl, env: BOOTSTRAP_ENV, port: server.port, dataDir: server.dataDir });
  const healthyMs = performance.now() - restartBegan;
  ssm = ssmClient(restarted.url);
  const ended = await waitForAll(ssm, ids, 120_000);
  const allDoneMs = performance.now() - restartBegan - healthyMs;
  const failed = [...ended.values()].filter((entry) => entry.status !== 'Success').length;
  return { server: restarted, figures: { executions: SLEEPERS, failed, restart_to_healthy_ms: Math.round(healthyMs), healthy_to_all_finished_ms: Math.round(allDoneMs) } };
}

async function main(): Promise<void> {
  await withScratchDatabase('opsdeck-bench-automation-', async ({ database }) => {
    let server = await startServer({ databaseUrl: database.url, env: BOOTSTRAP_ENV });
    try {
      const ssm = ssmClient(server.url);
      await ssm.send(new PutParameterCommand({ Name: '/bench/automation/flag', Value: 'on', Type: 'String' }));
      await ssm.send(new CreateDocumentCommand({ Name: 'Bench-ApiSteps', Content: API_RUNBOOK, DocumentType: 'Automation', DocumentFormat: 'YAML' }));
      await ssm.send(new CreateDocumentCommand({ Name: 'Bench-Sleep', Content: SLEEP_RUNBOOK, DocumentType: 'Automation', DocumentFormat: 'YAML' }));
      const api = await apiSteps(ssm, server.process.child.pid!);
      const sleep = await sleepWake(ssm);
      const resumed = await resumeAfterKill(server, database.url);
      server = resumed.server;
      const result = {
        benchmark: 'automation',
        machine: { cpus: os.cpus().length, memory_gb: Math.round(os.totalmem() / 2 ** 30) },
        api_steps: api,
        sleep_wake: sleep,
        resume_after_sigkill: resumed.figures,
        server_rss_mb: rssMb(server.process.child.pid!),
      };
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } finally {
      await server.stop();
    }
  });
}

await main();
