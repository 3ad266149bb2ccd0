import fs from 'node:fs';
import http from 'node:http';
import next from 'next';
import { Server as SocketServer } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { connectDatabase } from '@/db/client';
import { startEmbeddedDatabase } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';
import { bootstrapInstall } from '@/server/auth/bootstrap';
import { setServerContext } from '@/server/context';
import { stampSourceIp } from '@/server/http/source-ip';
import { handleSsmApiRequest, isSsmApiRequest } from '@/server/api/handler';
import { loadMasterKey } from '@/server/crypto/master-key';
import type { ServerConfig } from '@/server/config';
import { sweepSilentNodes } from '@/server/fleet/presence';
import { registerAgentNamespace, nodeRoom } from '@/server/realtime/agent-namespace';
import { CONSOLE_NAMESPACE, FLEET_ROOM, registerConsoleNamespace, sessionRoom } from '@/server/realtime/console-namespace';
import { AGENT_NAMESPACE } from '@/agent/protocol';
import { ensureBuiltinDocuments } from '@/server/documents/service';
import { ensurePredefinedPatchBaselines } from '@/server/patch-manager/predefined';
import { ensureDefaultKey, runKeyMaintenance } from '@/server/keys';
import { startScheduler } from '@/server/scheduler';
import { evaluateParameterPolicies } from '@/server/parameters/policies';
import { RunCommandEngine, setRunCommandEngine } from '@/server/runcommand/engine';
import { createCommandTransport } from '@/server/realtime/command-transport';
import { startInvalidationListener } from '@/server/cache/invalidation';
import { SessionRelay, endOrphanedSessions, setSessionRelay } from '@/server/sessions/relay';
import { SESSION_STREAM_NAMESPACE, registerSessionStreamNamespace } from '@/server/sessions/socket-handlers';
import { deleteExpiredRecordings } from '@/server/sessions/service';
import { loadSessionPreferences } from '@/server/sessions/preferences';
import { AutomationEngine } from '@/server/automation/engine';
import { fireOverdue, occurrenceWorker } from '@/server/schedules/runner';
import { registerMaintenanceWindowSchedules } from '@/server/maintenance-windows/service';
import { startStateManager } from '@/server/associations/engine';
import { reconcileRuns } from '@/server/associations/runs';
import { ensureDefaultInventoryAssociation } from '@/server/inventory/default-association';

export interface RunningServer {
  url: string;
  accountId: string;
  generatedAdminPassword?: string;
  close(): Promise<void>;
}

/** Silence longer than this many heartbeats makes a node ConnectionLost. */
const MISSED_HEARTBEATS = 3;

/**
 * Starts the whole control plane in this process: database (embedded unless DATABASE_URL),
 * migrations, Next.js for the console, socket.io for agents and consoles.
 */
export async function startOpsdeck(config: ServerConfig): Promise<RunningServer> {
  // Traversable by others (0711) because embedded PostgreSQL runs as the 'postgres' user when we are root;
  // the secrets inside are files of mode 0600.
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o711 });
  const database = config.databaseUrl
    ? { url: config.databaseUrl, stop: async () => {} }
    : await startEmbeddedDatabase(config.dataDir);
  const masterKey = loadMasterKey(config.dataDir, config.masterKey);
  const { db, pool } = connectDatabase(database.url);
  await runMigrations(db);
  const invalidations = startInvalidationListener(database.url);
  const install = await bootstrapInstall(db, { adminPassword: config.adminPassword, bootstrapAccessKey: config.bootstrapAccessKey, masterKey });

  // Next's handler must be the server's request listener before socket.io attaches: engine.io
  // wraps the existing listeners and serves /socket.io/ ahead of them.
  let handleRequest: http.RequestListener = (_req, res) => res.writeHead(503).end('starting');
  const httpServer = http.createServer((req, res) => handleRequest(req, res));
  const io = new SocketServer(httpServer, {
    serveClient: false,
    // Engine-level pings find half-open and frozen connections within 3 heartbeat periods; the
    // heartbeat sweep is the backstop for what a socket cannot see (a replica that died).
    pingInterval: config.heartbeatSeconds * 2000,
    pingTimeout: config.heartbeatSeconds * 1000,
  });
  const redis = config.redisUrl ? await attachRedisAdapter(io, config.redisUrl) : undefined;

  setServerContext({
    db,
    region: config.region,
    accountId: install.accountId,
    masterKey,
    heartbeatSeconds: config.heartbeatSeconds,
    broadcast: (event, payload) => io.of(CONSOLE_NAMESPACE).to(FLEET_ROOM).emit(event, payload),
    disconnectConsoleSessions: (sessionIds) => {
      if (sessionIds.length > 0) io.of(CONSOLE_NAMESPACE).in(sessionIds.map(sessionRoom)).disconnectSockets(true);
    },
    disconnectAgent: (nodeId) => io.of(AGENT_NAMESPACE).in(nodeRoom(nodeId)).disconnectSockets(true),
  });
  await ensureBuiltinDocuments();
  await ensurePredefinedPatchBaselines();
  await ensureDefaultKey();
  const automation = new AutomationEngine(pool);
  registerMaintenanceWindowSchedules();
  // Before the scheduler: a queued occurrence of a kind not registered yet would wait for the sweep.
  const stopStateManager = startStateManager();
  const scheduler = await startScheduler(database.url, [
    { name: 'parameter-policies', cron: '* * * * *', run: async () => void (await evaluateParameterPolicies()) },
    { name: 'key-maintenance', cron: '*/10 * * * *', run: async () => void (await runKeyMaintenance()) },
    { name: 'session-recording-retention', cron: '23 * * * *', run: async () => void (await deleteExpiredRecordings((await loadSessionPreferences()).recordingRetentionDays)) },
    // Executions another replica was driving when it died: taken over within a minute.
    { name: 'automation-recovery', cron: '* * * * *', run: async () => void (await automation.recover()) },
    // Occurrences whose queued job was lost, or that came due while no server ran.
    { name: 'schedule-overdue', cron: '* * * * *', run: async () => void (await fireOverdue()) },
    { name: 'association-runs', cron: '* * * * *', run: reconcileRuns },
  ], [automation.wakeWorker(), occurrenceWorker()]);
  const commands = new RunCommandEngine(createCommandTransport(io));
  setRunCommandEngine(commands);
  const agents = registerAgentNamespace(io, config.heartbeatSeconds, commands, { isClustered: redis !== undefined });
  // Session Manager: the relay keeps live sessions in this process, so rows a previous process left
  // live are over. With several replicas the others' rows are theirs: those are left alone.
  if (!redis) {
    const sessionsEnded = await endOrphanedSessions('the server restarted while the session was open');
    if (sessionsEnded > 0) console.log(`[sessions] ${sessionsEnded} session(s) left open by the previous server process ended`);
  }
  const sessionRelay = new SessionRelay(agents.sessionChannel);
  setSessionRelay(sessionRelay);
  sessionRelay.start();
  registerSessionStreamNamespace(io.of(SESSION_STREAM_NAMESPACE));
  registerConsoleNamespace(io);

  const nextApp = next({ dev: false, dir: process.cwd(), hostname: config.host, port: config.port });
  await nextApp.prepare();
  const nextHandler = nextApp.getRequestHandler();
  handleRequest = (req, res) => {
    if (isSsmApiRequest(req)) {
      void handleSsmApiRequest(req, res);
      return;
    }
    stampSourceIp(req);
    void nextHandler(req, res);
  };

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  commands.start();
  // After Run Command is up: resumed executions may be at an aws:runCommand step.
  await automation.start();
  await reconcileRuns().catch((error: Error) => console.error(`[state-manager] unfinished runs: ${error.message}`));
  // After Run Command and State Manager are up: creating the association runs it at once.
  if (config.isDefaultInventoryEnabled) {
    await ensureDefaultInventoryAssociation().catch((error: Error) => console.error(`[inventory] the default inventory association was not created: ${error.message}`));
  }
  await fireOverdue().catch((error: Error) => console.error(`[schedules] overdue occurrences: ${error.message}`));
  const sweeper = setInterval(() => {
    sweepSilentNodes(config.heartbeatSeconds * MISSED_HEARTBEATS).catch((error: Error) =>
      console.error(`[fleet] sweep failed: ${error.message}`),
    );
  }, config.heartbeatSeconds * 1000);

  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  sessionRelay.streamBaseUrl = `http://${config.host}:${port}`;
  return {
    url: `http://${config.host}:${port}`,
    accountId: install.accountId,
    generatedAdminPassword: install.generatedAdminPassword,
    async close() {
      clearInterval(sweeper);
      stopStateManager();
      await automation.stop();
      await scheduler.close();
      await commands.stop();
      setRunCommandEngine(undefined);
      await sessionRelay.stop();
      setSessionRelay(undefined);
      // Agents are told the truth on the way down: their nodes become ConnectionLost until they
      // reach a running replica again.
      io.of(AGENT_NAMESPACE).disconnectSockets(true);
      await agents.drain();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await nextApp.close();
      await redis?.();
      await invalidations.close();
      await pool.end();
      await database.stop();
    },
  };
}

async function attachRedisAdapter(io: SocketServer, url: string): Promise<() => Promise<void>> {
  const publisher = createClient({ url });
  const subscriber = publisher.duplicate();
  await Promise.all([publisher.connect(), subscriber.connect()]);
  io.adapter(createAdapter(publisher, subscriber));
  return async () => {
    await Promise.allSettled([publisher.quit(), subscriber.quit()]);
  };
}
