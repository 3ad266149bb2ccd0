import type { APIRequestContext, Page } from '@playwright/test';
import { Agent } from '../agent/agent';
import type { NodeMetadata } from '../agent/protocol';
import { test, expect } from './fixtures';
import { newStateDir } from './support/agents';

interface Dashboard {
  total: number;
  byPingStatus: Record<'Online' | 'ConnectionLost' | 'Inactive', number>;
  byRegion: { value: string | null; count: number }[];
  newestAgentVersion: string | null;
  outdatedAgentCount: number;
}

const metadata = (agentVersion: string): NodeMetadata => ({
  computerName: 'dash-node',
  platformType: 'Linux',
  platformName: 'Ubuntu',
  platformVersion: '22.04',
  kernelVersion: '6.1.0',
  architecture: 'x86_64',
  ipAddresses: ['10.9.8.7'],
  agentVersion,
});

const summaryOf = async (request: APIRequestContext) => (await (await request.get('/api/nodes/summary')).json()) as Dashboard;

/** Opens a drill-down, checks where it lands, and comes back to the dashboard. */
async function expectDrillDown(page: Page, open: () => Promise<void>, query: Record<string, string>) {
  await open();
  await expect(page).toHaveURL((url) => url.pathname === '/fleet' && [...url.searchParams].length === Object.keys(query).length && Object.entries(query).every(([key, value]) => url.searchParams.get(key) === value));
  await expect(page.getByRole('heading', { name: 'Fleet Manager', level: 1 })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
}

test('the dashboard counts the fleet live, and every tile drills down into Fleet Manager', async ({ adminPage: page, baseURL }) => {
  // Two Ubuntu nodes in a region of their own, one with an old agent; never connected, so ConnectionLost.
  const created = await page.request.post('/api/activations', { data: { description: 'dashboard', registrationLimit: 5, region: 'dash-site-1' } });
  expect(created.ok(), await created.text()).toBe(true);
  const activation = (await created.json()) as { activationId: string; activationCode: string };
  const register = (name: string, agentVersion: string) =>
    Agent.register({ serverUrl: baseURL!, ...activation, stateDir: newStateDir(), name, metadata: metadata(agentVersion) });
  await register('dash-1', '0.0.1');
  await register('dash-2', '99.0.0');

  await page.reload();
  const expected = await summaryOf(page.request);
  const tile = (testId: string) => page.getByTestId(testId);
  await expect(tile('summary-total')).toHaveText(expected.total.toLocaleString('en-US'));
  await expect(tile('summary-online')).toHaveText(String(expected.byPingStatus.Online));
  await expect(tile('summary-connection-lost')).toHaveText(String(expected.byPingStatus.ConnectionLost));
  expect(expected.newestAgentVersion).toBe('99.0.0');
  await expect(tile('summary-outdated')).toHaveText(String(expected.outdatedAgentCount));
  const regions = page.getByRole('region', { name: 'Regions' });
  await expect(regions.getByRole('link', { name: 'dash-site-1: 2 nodes' })).toBeVisible();
  await expectComplianceCard(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: 'e2e/artifacts/dashboard-charts.png', fullPage: true });

  // A node registering elsewhere shows up without a reload.
  await register('dash-3', '0.0.1');
  await expect(tile('summary-total')).toHaveText((expected.total + 1).toLocaleString('en-US'));
  await expect(tile('summary-connection-lost')).toHaveText(String(expected.byPingStatus.ConnectionLost + 1));
  await expect(regions.getByRole('link', { name: 'dash-site-1: 3 nodes' })).toBeVisible();

  await expectDrillDown(page, () => page.getByRole('link', { name: /^Connection lost: \d+$/ }).click(), { status: 'ConnectionLost' });
  await expectDrillDown(page, () => page.getByRole('link', { name: /^Outdated agents: \d+$/ }).click(), { agentOlderThan: '99.0.0' });
  await expectDrillDown(page, () => regions.getByRole('link', { name: /^dash-site-1: / }).click(), { region: 'dash-site-1' });
  // The OS chart's labels are links too.
  await expectDrillDown(page, () => page.getByRole('region', { name: 'Operating systems' }).getByRole('link', { name: /^Ubuntu 22\.04: \d+ nodes$/ }).click(), { os: 'Ubuntu', osVersion: '22.04' });
  await expectDrillDown(page, () => page.getByRole('region', { name: 'Agent versions' }).getByRole('link', { name: /^0\.0\.1 \(outdated\): 2 nodes$/ }).click(), { agent: '0.0.1' });
});

/** The card says what the Compliance API says about patch compliance, whatever earlier specs left. */
async function expectComplianceCard(page: Page) {
  const response = await page.request.get('/api/compliance/summaries');
  expect(response.ok(), await response.text()).toBe(true);
  const { summaries } = (await response.json()) as { summaries: { ComplianceType: string; CompliantSummary: { CompliantCount: number }; NonCompliantSummary: { NonCompliantCount: number } }[] };
  const patch = summaries.find((summary) => summary.ComplianceType === 'Patch');
  const card = page.getByRole('region', { name: 'Compliance' });
  if (!patch) return expect(card).toContainText('No node has been scanned yet');
  const nonCompliant = patch.NonCompliantSummary.NonCompliantCount;
  const total = nonCompliant + patch.CompliantSummary.CompliantCount;
  await expect(card).toContainText(nonCompliant === 0 ? `All ${total} reporting nodes compliant` : `${nonCompliant} of ${total} nodes non-compliant`);
}
