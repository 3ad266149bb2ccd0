import { defineConfig } from '@playwright/test';

// Overridable so a second run (say against another build, in OPSDECK_NEXT_DIST) can go on beside
// this one without the two fighting over the port or the data dir.
export const E2E_PORT = Number(process.env.OPSDECK_E2E_PORT || 3210);
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password';
const E2E_DATA_DIR = process.env.OPSDECK_E2E_DATA_DIR || '/tmp/opsdeck-e2e';
/**
 * The local agent's apt configuration: empty (the system's apt) until e2e/patch-manager.spec.ts
 * points it at the test repository it builds. Fixed, because the server's env is set here, once.
 */
export const E2E_APT_DIR = `${E2E_DATA_DIR}-apt`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: process.env.OPSDECK_E2E_OUTPUT_DIR || 'e2e/artifacts/results',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'e2e/artifacts/playwright.json' }]] : [['list'], ['json', { outputFile: 'e2e/artifacts/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot work on this network.
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    // The product's default path: embedded PostgreSQL in a fresh data dir, local agent enrolled.
    command: `rm -rf ${E2E_DATA_DIR} ${E2E_APT_DIR} && mkdir -p ${E2E_APT_DIR} && touch ${E2E_APT_DIR}/apt.conf && node --import tsx server/cli/start.ts`,
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      OPSDECK_DATA_DIR: E2E_DATA_DIR,
      OPSDECK_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      OPSDECK_SKIP_BUILD: '1',
      OPSDECK_HEARTBEAT_SECONDS: '2',
      // The default inventory association's runs would interleave with other specs' commands on the
      // local node; e2e/inventory.spec.ts collects with "Refresh now", the integration test covers the default.
      OPSDECK_DEFAULT_INVENTORY: '0',
      NEXT_TELEMETRY_DISABLED: '1',
      // Patch Manager: the local agent's apt (see E2E_APT_DIR), and never a real reboot of this machine.
      APT_CONFIG: `${E2E_APT_DIR}/apt.conf`,
      OPSDECK_REBOOT_REQUIRED_FILE: `${E2E_APT_DIR}/reboot-required`,
      OPSDECK_AGENT_REBOOT_COMMAND: `echo reboot requested >> ${E2E_APT_DIR}/rebooted`,
      ...(process.env.OPSDECK_NEXT_DIST ? { OPSDECK_NEXT_DIST: process.env.OPSDECK_NEXT_DIST } : {}),
    },
  },
});
