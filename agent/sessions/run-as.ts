import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';
import { DEFAULT_RUN_AS_USER } from '../protocol';

const run = promisify(execFile);
const SETPRIV = '/usr/bin/setpriv';

/** Who a session runs as, and how to start a process as them. */
export interface RunAsUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
  /** Set when the agent cannot switch users and runs the session as itself. */
  note?: string;
  /** Prefix for argv that starts a program as this user (empty when the agent is that user). */
  switchPrefix: string[];
}

export class RunAsError extends Error {
  constructor(
    readonly code: 'RunAsUserNotFound' | 'RunAsFailed',
    message: string,
  ) {
    super(message);
  }
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

function readPasswd(name: string): PasswdEntry | undefined {
  for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [user, , uid, gid, , home, shell] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined) return { name, uid: Number(uid), gid: Number(gid), home: home || '/', shell: shell || '/bin/sh' };
  }
  return undefined;
}

/** A usable interactive shell: service accounts have nologin/false, which would end at once. */
function interactiveShell(shell: string): string {
  if (!/(nologin|false)$/.test(shell) && fs.existsSync(shell)) return shell;
  return fs.existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
}

/**
 * AWS's ssm-user: created on first use, no password (nobody can log in as it another way), a home
 * of its own, not a sudoer. Only the default user is created; any other run-as user must exist.
 */
async function createDefaultUser(name: string): Promise<void> {
  await run('useradd', ['--create-home', '--shell', fs.existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh', '--comment', 'Opsdeck Session Manager user', '--', name]).catch((error: Error & { stderr?: string }) => {
    // Two sessions opening at once may both try; the second finds it made.
    if (!readPasswd(name)) throw new RunAsError('RunAsFailed', `could not create the OS user ${name}: ${error.stderr?.trim() || error.message}`);
  });
}

/** Creations in flight, so concurrent first sessions run useradd once. */
const creating = new Map<string, Promise<void>>();

/**
 * Resolves the OS user a session should run as. As root, switches to `requested` (creating the
 * default user when missing); otherwise runs as the agent's own user and says so.
 */
export async function resolveRunAs(requested: string): Promise<RunAsUser> {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    const me = os.userInfo();
    const note = me.username === requested ? undefined : `the agent is not running as root, so the session runs as ${me.username}, the agent's own user, not ${requested}`;
    return { name: me.username, uid: me.uid, gid: me.gid, home: me.homedir, shell: interactiveShell(me.shell ?? '/bin/sh'), note, switchPrefix: [] };
  }
  let entry = readPasswd(requested);
  if (!entry && requested === DEFAULT_RUN_AS_USER) {
    let pending = creating.get(requested);
    if (!pending) {
      pending = createDefaultUser(requested).finally(() => creating.delete(requested));
      creating.set(requested, pending);
    }
    await pending;
    entry = readPasswd(requested);
  }
  if (!entry) throw new RunAsError('RunAsUserNotFound', `the OS user ${requested} does not exist on this node; create it or change the run-as setting`);
  const shell = interactiveShell(entry.shell);
  if (entry.uid === 0) return { ...entry, shell, switchPrefix: [] };
  if (!fs.existsSync(SETPRIV)) throw new RunAsError('RunAsFailed', `${SETPRIV} (util-linux) is missing on this node, so the agent cannot switch to ${requested}`);
  // node-pty's own uid/gid options keep the agent's supplementary groups (root's); setpriv sets
  // the user's own groups (--init-groups), so the session gets exactly that user's rights.
  return { ...entry, shell, switchPrefix: [SETPRIV, `--reuid=${entry.uid}`, `--regid=${entry.gid}`, '--init-groups', '--'] };
}

/** The environment a session starts with: a login-like one for the user, never the agent's own (it may hold secrets). */
export function sessionEnvironment(user: RunAsUser, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOME: user.home,
    USER: user.name,
    LOGNAME: user.name,
    SHELL: user.shell,
    PATH: user.uid === 0 ? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' : '/usr/local/bin:/usr/bin:/bin',
    TERM: 'xterm-256color',
    LANG: process.env.LANG && /UTF-?8/i.test(process.env.LANG) ? process.env.LANG : 'C.UTF-8',
    ...extra,
  };
}
