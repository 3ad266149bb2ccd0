import type { ChildProcess } from 'node:child_process';
import { loadConfig } from '@/server/config';
import { startOpsdeck } from '@/server/main';
import { ADMIN_USERNAME } from '@/server/auth/bootstrap';
import { startLocalAgent } from '@/server/fleet/local-agent';
import { ensureBuild } from './build';

/**
 * A server whose parent went away (a closed terminal or pipe) must keep serving. Unhandled, the
 * first failed log write is an uncaught EPIPE, whose report is itself a failed write: a hot loop.
 */
function ignoreClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}

async function main(): Promise<void> {
  ignoreClosedOutput();
  const config = loadConfig();
  if (process.env.OPSDECK_SKIP_BUILD !== '1') ensureBuild();
  const server = await startOpsdeck(config);
  let localAgent: ChildProcess | undefined;
  if (config.isLocalAgentEnabled) localAgent = await startLocalAgent(config.dataDir, server.url);

  console.log(`\nOpsdeck is running: ${server.url}`);
  console.log(`  account ${server.accountId}, region ${config.region}, data in ${config.dataDir}`);
  if (server.generatedAdminPassword) {
    console.log(`  sign in as '${ADMIN_USERNAME}' with password: ${server.generatedAdminPassword}`);
    console.log('  (shown this once; it is not stored anywhere in plain text)');
  }
  if (localAgent) console.log('  this machine is enrolled as a managed node (OPSDECK_LOCAL_AGENT=0 to skip)');

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    console.log(`\n[opsdeck] ${signal}: stopping`);
    localAgent?.kill('SIGTERM');
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`[opsdeck] failed to start: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
