import fs from 'node:fs/promises';
import { MAX_OS_USERS, MAX_TOOL_RESPONSE_BYTES, type OsUsers } from '../protocol';
import { withinBudget } from './budget';
import { isLoginShell, parseGroup, parsePasswd } from './proc';

/**
 * Local OS accounts from /etc/passwd and /etc/group. Never /etc/shadow: password hashes are not
 * the console's business.
 */
export async function listOsUsers(): Promise<OsUsers> {
  const [passwd, group] = await Promise.all([fs.readFile('/etc/passwd', 'utf8'), fs.readFile('/etc/group', 'utf8').catch(() => '')]);
  const users = parsePasswd(passwd);
  const groups = parseGroup(group);
  const groupNames = new Map(groups.map((entry) => [entry.gid, entry.name]));
  const supplementary = new Map<string, string[]>();
  for (const entry of groups) {
    for (const member of entry.members) supplementary.set(member, [...(supplementary.get(member) ?? []), entry.name]);
  }
  const described = users.slice(0, MAX_OS_USERS).map((user) => ({
    ...user,
    primaryGroup: groupNames.get(user.gid) ?? null,
    groups: supplementary.get(user.name) ?? [],
    hasLoginShell: isLoginShell(user.shell),
  }));
  // Users and groups share one answer, so each gets half of its size budget.
  const keptUsers = withinBudget(described, MAX_TOOL_RESPONSE_BYTES / 2 - 2048);
  const keptGroups = withinBudget(groups.slice(0, MAX_OS_USERS), MAX_TOOL_RESPONSE_BYTES / 2 - 2048);
  return { truncated: keptUsers.length < users.length || keptGroups.length < groups.length, users: keptUsers, groups: keptGroups };
}
