import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent } from '@/agent/agent';
import { readRegistration } from '@/agent/state';
import { createActivation } from '@/server/activations/service';
import { systemCaller } from '@/server/identity/caller';

/**
 * Enrols the machine the server runs on as a managed node through a real agent process, so a new
 * install's fleet is not empty. Registers once; later starts reuse the saved credentials.
 */
export async function startLocalAgent(dataDir: string, serverUrl: string): Promise<ChildProcess> {
  const stateDir = path.join(dataDir, 'local-agent');
  const registration = readRegistration(stateDir);
  if (!registration || registration.serverUrl !== serverUrl) {
    const { activationId, activationCode } = await createActivation(systemCaller(), {
      description: 'This machine, enrolled by Opsdeck at first start',
      registrationLimit: 1,
    });
    await Agent.register({ serverUrl, activationId, activationCode, stateDir });
  }
  const log = fs.openSync(path.join(stateDir, 'agent.log'), 'a', 0o600);
  // The server's data dir (master key, database files) sits on this node: its agent must never
  // hand it out through the file browser, whatever a policy allows.
  const args = ['--import', 'tsx', path.join('agent', 'cli.ts'), 'start', '--state-dir', stateDir, '--protected-path', dataDir];
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  return child;
}
