import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { nodeIdSchema } from './protocol';

const registrationSchema = z.object({
  serverUrl: z.string().url(),
  nodeId: nodeIdSchema,
  secret: z.string().min(32),
  registeredAt: z.string(),
});
export type Registration = z.infer<typeof registrationSchema>;

const REGISTRATION_FILE = 'registration.json';
const LOCK_FILE = 'agent.pid';

export function readRegistration(stateDir: string): Registration | null {
  const file = path.join(stateDir, REGISTRATION_FILE);
  if (!fs.existsSync(file)) return null;
  const parsed = registrationSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is damaged: ${parsed.error.issues[0]?.message}; register again`);
  return parsed.data;
}

/** The node secret is a credential: the folder is 0700 and the file 0600, written atomically. */
export function writeRegistration(stateDir: string, registration: Registration): void {
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const file = path.join(stateDir, REGISTRATION_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(registration, null, 2), { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/**
 * One running agent per state dir: two would fight over the node's connection. Returns a release
 * function, or throws naming the process that holds the lock.
 */
export function acquireStateLock(stateDir: string): () => void {
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const file = path.join(stateDir, LOCK_FILE);
  const holder = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0;
  if (holder > 0 && holder !== process.pid && isAlive(holder)) {
    throw new Error(`another agent (pid ${holder}) is already running with state dir ${stateDir}`);
  }
  fs.writeFileSync(file, String(process.pid), { mode: 0o600 });
  return () => {
    if (fs.existsSync(file) && Number(fs.readFileSync(file, 'utf8')) === process.pid) fs.rmSync(file);
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
