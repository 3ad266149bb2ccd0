import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';
import { parsePasswd } from '../../tools/proc';

const run = promisify(execFile);

export interface RunAsUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export type RunAsAnswer = { user: RunAsUser | null } | { error: string };

/**
 * The OS user a step switches to: null when that is the agent's own user. `name` was checked by
 * commandRunSchema (`[a-z_][a-z0-9_-]*$?`), and `id` is run without a shell, so it can neither
 * inject a command nor be read as an option of `id`.
 */
export async function resolveRunAs(name: string | undefined): Promise<RunAsAnswer> {
  if (!name) return { user: null };
  const self = os.userInfo();
  if (name === self.username) return { user: null };
  let uid: number;
  let gid: number;
  try {
    uid = Number((await run('id', ['-u', '--', name])).stdout.trim());
    gid = Number((await run('id', ['-g', '--', name])).stdout.trim());
  } catch {
    return { error: `runAs: there is no OS user '${name}' on this node` };
  }
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) return { error: `runAs: could not read the uid and gid of '${name}'` };
  if (uid === self.uid) return { user: null };
  if (self.uid !== 0) {
    return { error: `runAs: the agent runs as '${self.username}' (uid ${self.uid}), not root, so it cannot run steps as '${name}'` };
  }
  return { user: { name, uid, gid, home: homeOf(name) } };
}

function homeOf(name: string): string {
  try {
    return parsePasswd(fs.readFileSync('/etc/passwd', 'utf8')).find((entry) => entry.name === name)?.home ?? '/';
  } catch {
    return '/';
  }
}
