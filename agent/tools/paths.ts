/**
 * Every path the server asks the agent about passes through here, on both sides: the server
 * checks it before authorising and auditing (so the audit trail records the real location), and
 * the agent checks it again before touching the file system (it trusts no caller).
 *
 * This module has no file-system access so the server and tests can use it anywhere.
 */
import path from 'node:path';

/** Linux's PATH_MAX: the kernel refuses longer paths anyway; bounding them bounds memory here. */
export const MAX_PATH_LENGTH = 4096;

export type PathCheck = { ok: true; path: string } | { ok: false; reason: string };

// C0 controls and DEL. A newline in a path could forge a line in the audit trail or the agent's
// log, and a CR/LF would inject a header into the download's Content-Disposition.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0001-\u001f\u007f]/;

export function checkNodePath(input: unknown): PathCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'the path must be a string' };
  if (input.length === 0) return { ok: false, reason: 'the path is empty' };
  if (input.length > MAX_PATH_LENGTH) return { ok: false, reason: `the path is longer than ${MAX_PATH_LENGTH} characters` };
  // NUL ends a string for the C library under every file call: '/etc/hostname\0.txt' would pass a
  // check on the whole string and then open '/etc/hostname'.
  if (input.includes('\0')) return { ok: false, reason: 'the path contains a NUL byte' };
  if (CONTROL_CHARACTERS.test(input)) return { ok: false, reason: 'the path contains control characters' };
  // A relative path resolves against the agent's working directory, which is often its state dir
  // (the node's secret), and '../../etc/shadow' hides where it really goes.
  if (!input.startsWith('/')) return { ok: false, reason: `the path must be absolute (start with /): ${JSON.stringify(input)}` };
  // Collapses '.', '..' and '//' so policy checks, the audit trail and the console all see the
  // place actually read: '/var/log/../../etc/shadow' is recorded as '/etc/shadow'.
  const normalised = path.posix.normalize(input);
  const trimmed = normalised.length > 1 && normalised.endsWith('/') ? normalised.slice(0, -1) : normalised;
  return { ok: true, path: trimmed };
}

/** True when `candidate` is `root` or inside it (both absolute and normalised). */
export function isInside(candidate: string, root: string): boolean {
  if (root === '/') return true;
  return candidate === root || candidate.startsWith(`${root}/`);
}

/** The parent folders of a path, for breadcrumbs: '/etc/ssh' → ['/', '/etc', '/etc/ssh']. */
export function pathAncestors(nodePath: string): string[] {
  const parts = nodePath.split('/').filter(Boolean);
  return ['/', ...parts.map((_, index) => `/${parts.slice(0, index + 1).join('/')}`)];
}
