import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const SOURCE_ROOTS = ['app', 'components', 'server', 'db', 'agent', 'public', 'next.config.js', 'package-lock.json'];

function newestModification(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestModification(path.join(entry, child)));
  return newest;
}

/** True when there is no production build, or a source file changed after it was made. */
export function isBuildStale(root = process.cwd()): boolean {
  const buildId = path.join(root, process.env.OPSDECK_NEXT_DIST || '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  return SOURCE_ROOTS.some((entry) => newestModification(path.join(root, entry)) > builtAt);
}

/** Builds the console with `next build` when the current build is missing or stale. */
export function ensureBuild(root = process.cwd()): void {
  if (!isBuildStale(root)) return;
  console.log('[opsdeck] building the console (first start or sources changed) ...');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBuild();
