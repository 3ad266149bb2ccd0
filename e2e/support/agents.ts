import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTs, spawnTs, type Env, type RunningProcess } from './processes';

export function newStateDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-agent-'));
}

/** `npm run agent -- register ...` as a real process; returns the issued node id. */
export async function registerAgentProcess(options: {
  serverUrl: string;
  activationId: string;
  activationCode: string;
  stateDir: string;
  name?: string;
  tags?: string;
}) {
  const args = ['register', '--server', options.serverUrl, '--code', options.activationCode, '--id', options.activationId, '--state-dir', options.stateDir];
  if (options.name) args.push('--name', options.name);
  if (options.tags) args.push('--tags', options.tags);
  const result = await runTs('agent/cli.ts', args);
  const nodeId = /registered as (mi-[0-9a-f]{17})/.exec(result.output)?.[1];
  return { ...result, nodeId };
}

/** `env` adds to the agent's environment, e.g. an AptRepo's APT_CONFIG and reboot overrides (e2e/support/apt-repo.ts). */
export function startAgentProcess(stateDir: string, options: { env?: Env } = {}): RunningProcess {
  return spawnTs('agent/cli.ts', ['start', '--state-dir', stateDir], options.env);
}
