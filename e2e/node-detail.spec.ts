import fs from 'node:fs';
import os from 'node:os';
import type { Page } from '@playwright/test';
import { test, expect, screenshot } from './fixtures';
import { newStateDir, registerAgentProcess } from './support/agents';

/** The machine running the server enrolled itself at first start; its node is named after the host. */
async function openLocalNode(page: Page): Promise<string> {
  const response = await page.request.get('/api/nodes?pageSize=100');
  const { nodes } = (await response.json()) as { nodes: { nodeId: string; name: string; pingStatus: string }[] };
  const local = nodes.find((node) => node.name === os.hostname() && node.pingStatus === 'Online');
  expect(local, JSON.stringify(nodes)).toBeDefined();
  await page.goto(`/fleet/${local!.nodeId}`);
  await expect(page.getByRole('heading', { name: new RegExp(os.hostname()) })).toBeVisible();
  return local!.nodeId;
}

test('browse the local node\'s files: open /etc, view /etc/hostname as it is on disk', async ({ adminPage: page }) => {
  await openLocalNode(page);
  await expect(page.getByRole('region', { name: 'Status history' })).toContainText('connected');
  await screenshot(page, 'node-overview.png');

  await page.getByRole('tab', { name: 'Files' }).click();
  await expect(page.getByRole('table', { name: 'Files in /' })).toBeVisible();
  await page.getByRole('table', { name: 'Files in /' }).getByRole('button', { name: 'etc', exact: true }).click();
  await expect(page).toHaveURL(/tab=files&path=%2Fetc/);
  const etc = page.getByRole('table', { name: 'Files in /etc' });
  await expect(etc).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Folder path' })).toContainText('etc');

  await etc.getByRole('button', { name: 'hostname', exact: true }).click();
  const viewer = page.getByRole('region', { name: 'File /etc/hostname' });
  await expect(viewer.getByLabel('File content')).toHaveText(fs.readFileSync('/etc/hostname', 'utf8'), { useInnerText: true });
  await expect(viewer.getByTestId('file-size')).toHaveText(`${fs.statSync('/etc/hostname').size} B`);
  // The viewer as the user sees it (the full page is a long listing).
  await page.screenshot({ path: 'e2e/artifacts/node-file-viewer.png' });

  // The breadcrumb goes back up; the back button returns to /etc.
  await page.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: '/' }).click();
  await expect(page.getByRole('table', { name: 'Files in /' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('table', { name: 'Files in /etc' })).toBeVisible();
});

test('performance charts update while the tab is open', async ({ adminPage: page }) => {
  await openLocalNode(page);
  await page.getByRole('tab', { name: 'Performance' }).click();
  const cpu = page.getByRole('figure', { name: 'CPU chart' });
  await expect(cpu).toHaveAttribute('data-points', '1', { timeout: 15_000 });
  const firstSample = await page.getByTestId('last-sample').textContent();
  // A new sample arrives every 3 s and extends every chart.
  await expect(cpu).toHaveAttribute('data-points', '3', { timeout: 15_000 });
  await expect(page.getByTestId('last-sample')).not.toHaveText(firstSample!);
  await expect(page.getByRole('figure', { name: 'Memory chart' })).toHaveAttribute('data-points', /^[3-9]$/);
  await expect(page.getByRole('meter', { name: '/ used' })).toBeVisible();
  await screenshot(page, 'node-performance.png');

  // Leaving the tab stops sampling: no metrics request goes out while another tab is open.
  let metricsRequests = 0;
  page.on('request', (request) => {
    if (request.url().includes('/metrics')) metricsRequests += 1;
  });
  await page.getByRole('tab', { name: 'Processes' }).click();
  await expect(page.getByRole('table', { name: 'Processes' })).toBeVisible();
  await page.waitForTimeout(4_000);
  expect(metricsRequests).toBe(0);
});

test('processes sort by column, OS users list, inline tag edit', async ({ adminPage: page }) => {
  await openLocalNode(page);
  await page.getByRole('tab', { name: 'Processes' }).click();
  const table = page.getByRole('table', { name: 'Processes' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await table.getByRole('button', { name: 'PID' }).click();
  await expect(table.getByRole('columnheader', { name: 'PID' })).toHaveAttribute('aria-sort', 'descending');
  await page.getByLabel('Filter processes').fill('agent/cli.ts start');
  await expect(table.getByRole('row').nth(1)).toContainText('agent/cli.ts start');
  await screenshot(page, 'node-processes.png');

  await page.getByRole('tab', { name: 'Users' }).click();
  await expect(page.getByRole('table', { name: 'OS users' }).getByRole('row', { name: /^root 0 / })).toBeVisible();
  await screenshot(page, 'node-users.png');

  await page.getByRole('tab', { name: 'Overview' }).click();
  const addTag = page.getByRole('form', { name: 'Add tag' });
  await addTag.getByLabel('Tag key').fill('Owner');
  await addTag.getByLabel('Tag value').fill('e2e');
  await addTag.getByRole('button', { name: 'Add tag' }).click();
  await expect(page.getByRole('list', { name: 'Tags' })).toContainText('Owner=e2e');
  await page.getByRole('button', { name: 'Edit region' }).click();
  await page.getByRole('form', { name: 'Edit region' }).getByLabel('Region').fill('dc-frankfurt');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('dc-frankfurt')).toBeVisible();
  await page.getByRole('button', { name: 'Remove tag Owner' }).click();
  await expect(page.getByRole('region', { name: 'Tags' })).not.toContainText('Owner=e2e');
});

test('a node that never connected says why, and its live views say it is not connected', async ({ adminPage: page, baseURL }) => {
  const created = await page.request.post('/api/activations', { data: { description: 'diagnosis e2e', registrationLimit: 1 } });
  const activation = (await created.json()) as { activationId: string; activationCode: string };
  const registered = await registerAgentProcess({ serverUrl: baseURL!, ...activation, stateDir: newStateDir(), name: 'e2e-silent' });
  expect(registered.code, registered.output).toBe(0);

  await page.goto(`/fleet/${registered.nodeId}`);
  const diagnosis = page.getByRole('region', { name: 'Diagnosis' });
  await expect(diagnosis).toContainText('The agent has never connected since the node was registered on');
  await expect(diagnosis).toContainText('npm run agent -- diagnose');
  await screenshot(page, 'node-diagnosis.png');

  await page.getByRole('tab', { name: 'Performance' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'Cannot show live performance' });
  await expect(notice).toContainText('Cannot show live performance: the node is not connected');
  await expect(notice).toContainText('it has never connected since its registration');
  await screenshot(page, 'node-not-connected.png');
});
