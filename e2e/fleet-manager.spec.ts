import fs from 'node:fs';
import { Agent } from '@/agent/agent';
import type { NodeMetadata } from '@/agent/protocol';
import { test, expect, screenshot } from './fixtures';
import { newStateDir } from './support/agents';

const metadata = (name: string, platformName: string, platformVersion: string, ip: string): NodeMetadata => ({
  computerName: `${name}.e2e.internal`,
  platformType: platformName === 'macOS' ? 'MacOS' : 'Linux',
  platformName,
  platformVersion,
  kernelVersion: '6.1.0',
  architecture: 'x86_64',
  ipAddresses: [ip],
  agentVersion: '1.2.0',
});

test('filters in the URL, back button, saved filters and CSV export', async ({ adminPage: page, baseURL }) => {
  // A known slice of the fleet, beside the local machine's own node.
  const created = await page.request.post('/api/activations', {
    data: { description: 'fleet manager e2e', registrationLimit: 10, region: 'eu-west-1', account: '111111111111', tags: { Environment: 'e2e' } },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const activation = (await created.json()) as { activationId: string; activationCode: string };
  const fleet: { name: string; tags: Record<string, string>; meta: NodeMetadata }[] = [
    { name: 'fm-web-1', tags: { Role: 'web' }, meta: metadata('fm-web-1', 'Ubuntu', '24.04', '10.20.0.1') },
    { name: 'fm-web-2', tags: { Role: 'web' }, meta: metadata('fm-web-2', 'Ubuntu', '22.04', '10.20.0.2') },
    { name: 'fm-db-1', tags: { Role: 'db' }, meta: metadata('fm-db-1', 'Debian GNU/Linux', '12', '10.20.1.1') },
    { name: 'fm-mac-1', tags: {}, meta: metadata('fm-mac-1', 'macOS', '14.7', '10.20.2.1') },
  ];
  for (const node of fleet) {
    await Agent.register({ serverUrl: baseURL!, ...activation, stateDir: newStateDir(), name: node.name, tags: node.tags, metadata: node.meta });
  }

  await page.getByRole('link', { name: 'Fleet Manager' }).click();
  const table = page.getByRole('table', { name: 'Managed nodes' });
  const count = page.getByRole('status', { name: 'Result count' });
  await expect(table.getByRole('row').filter({ hasText: 'fm-mac-1' })).toBeVisible();

  // First filter: a tag, key = value.
  await page.getByRole('button', { name: 'Add filter' }).click();
  const form = page.getByRole('form', { name: 'Add filter' });
  await form.getByLabel('Property').selectOption({ label: 'Tag' });
  await form.getByLabel('Tag key').fill('Environment');
  await form.getByLabel('Tag value').fill('e2e');
  await form.getByRole('button', { name: 'Apply filter' }).click();
  await expect(page).toHaveURL(/\/fleet\?tag=Environment%3De2e$/);
  await expect(count).toHaveText('4 matching nodes');

  // Second filter: the OS name.
  await page.getByRole('button', { name: 'Add filter' }).click();
  await form.getByLabel('Property').selectOption({ label: 'OS name' });
  await form.getByLabel('Value').fill('Ubuntu');
  await form.getByRole('button', { name: 'Apply filter' }).click();
  await expect(page).toHaveURL(/\/fleet\?os=Ubuntu&tag=Environment%3De2e$/);
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('OS name = Ubuntu');

  // The count on the page is the server's total for the same URL filters.
  const api = await page.request.get('/api/nodes?os=Ubuntu&tag=Environment%3De2e');
  const { total } = (await api.json()) as { total: number };
  expect(total).toBe(2);
  await expect(count).toHaveText(`${total} matching nodes`);
  await expect(table.getByRole('row').filter({ hasText: 'fm-web-1' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'fm-db-1' })).toHaveCount(0);
  await screenshot(page, 'fleet-manager-filters.png');

  // Back undoes the last filter; forward restores it.
  await page.goBack();
  await expect(page).toHaveURL(/\/fleet\?tag=Environment%3De2e$/);
  await expect(count).toHaveText('4 matching nodes');
  await page.goForward();
  await expect(count).toHaveText('2 matching nodes');

  // Save the current filters by name, clear them, then apply the saved ones again.
  await page.locator('summary', { hasText: 'Saved filters' }).click();
  await page.getByLabel('Saved filter name').fill('E2E Ubuntu');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const savedList = page.getByRole('list', { name: 'Saved filters' });
  await expect(savedList.getByRole('button', { name: 'E2E Ubuntu', exact: true })).toBeVisible();
  await page.locator('summary', { hasText: 'Saved filters' }).click();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page).toHaveURL(/\/fleet$/);
  await expect(count).not.toHaveText('2 matching nodes');
  await page.locator('summary', { hasText: 'Saved filters' }).click();
  await savedList.getByRole('button', { name: 'E2E Ubuntu', exact: true }).click();
  await expect(page).toHaveURL(/\/fleet\?os=Ubuntu&tag=Environment%3De2e$/);
  await expect(count).toHaveText('2 matching nodes');
  await page.locator('summary', { hasText: 'Saved filters' }).click();

  // The export holds the filtered set (all of it, not one page), in the table's columns.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^opsdeck-nodes-.*\.csv$/);
  const lines = fs.readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
  expect(lines[0]).toBe('Node ID,Name,Ping status,Operating system,IP address,Agent version,Last seen,Region');
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain(',fm-web-1,ConnectionLost,Ubuntu 24.04,10.20.0.1,1.2.0,,eu-west-1');

  // A filter that matches nothing says which one, and offers to clear.
  await page.getByRole('searchbox', { name: 'Search nodes' }).fill('no-such-node');
  await page.getByRole('searchbox', { name: 'Search nodes' }).press('Enter');
  await expect(page).toHaveURL(/q=no-such-node/);
  await expect(page.getByText('No nodes match these filters')).toBeVisible();
  await expect(page.getByText('No node matches Text contains "no-such-node" at all.')).toBeVisible();
  await screenshot(page, 'fleet-manager-empty.png');
});

test('the column chooser keeps its choice across reloads', async ({ adminPage: page }) => {
  await page.goto('/fleet');
  const table = page.getByRole('table', { name: 'Managed nodes' });
  await expect(table.getByRole('columnheader', { name: 'Region' })).toBeVisible();
  await page.locator('summary', { hasText: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Region' }).uncheck();
  await page.getByRole('checkbox', { name: 'Kernel' }).check();
  await page.getByRole('checkbox', { name: 'Account' }).check();
  await expect(table.getByRole('columnheader', { name: 'Region' })).toHaveCount(0);
  await page.reload();
  await expect(table.getByRole('columnheader', { name: 'Kernel' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Account' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Region' })).toHaveCount(0);
  // The export link follows the choice.
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', /columns=nodeId%2Cname%2CpingStatus%2Cos%2CipAddress%2CagentVersion%2ClastPingDateTime%2Caccount%2CkernelVersion$/);
});
