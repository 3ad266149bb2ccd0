import fs from 'node:fs';
import { test, expect, localNodeId, runScreenshot } from './fixtures';

test('query the fleet’s inventory, open a node’s packages, refresh it and export the result', async ({ adminPage: page }) => {
  test.setTimeout(180_000);
  const nodeId = await localNodeId(page);

  // First the node's own page: "Refresh now" collects its inventory and shows the new data age.
  await page.goto(`/inventory/${nodeId}`);
  const inventory = page.getByRole('region', { name: 'Inventory' });
  await inventory.getByRole('button', { name: 'Refresh now' }).click();
  await expect(inventory.getByRole('status')).toHaveText('Inventory collected just now', { timeout: 90_000 });
  await expect(inventory.locator('[data-age="fresh"]').first()).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inventory' }).click();
  await expect(page.getByRole('heading', { name: 'Inventory', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Inventory coverage')).toBeVisible();

  const builder = page.getByRole('region', { name: 'Query the fleet' });
  const condition = builder.getByRole('listitem', { name: 'Condition 1' });
  await condition.getByLabel('Type').selectOption('AWS:Application');
  await condition.getByLabel('Attribute').selectOption('Name');
  await condition.getByLabel('Operator').selectOption('Equal');
  await condition.getByLabel('Value').fill('dpkg');
  const results = page.getByRole('table', { name: 'Matching nodes' });
  await builder.getByRole('button', { name: 'Run query' }).click();
  await expect(results.locator(`tr[data-node="${nodeId}"]`)).toContainText('dpkg');
  await expect(page).toHaveURL(/filters=/);
  await expect(page.getByRole('region', { name: 'Query the fleet' })).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Nodes by AWS:Application.Version' }).getByRole('listitem')).toHaveCount(1);
  await runScreenshot(page, 'inventory-query.png');

  // CSV of the current result.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file, 'utf8');
  expect(csv.split('\r\n')[0]).toMatch(/^NodeId,Name,Platform,CapturedAt,DataAgeSeconds,TypeName,/);
  expect(csv).toContain(`${nodeId},`);
  expect(csv).toContain(',dpkg,');

  // Back to the node from the result: packages searchable, other types as tabs, a second collection.
  await results.locator(`tr[data-node="${nodeId}"]`).getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`/inventory/${nodeId}$`));
  await inventory.getByLabel('Search Applications').fill('dpkg');
  await expect(inventory.getByRole('table', { name: 'Applications' }).getByRole('row').filter({ hasText: /^dpkg/ }).first()).toBeVisible();
  await runScreenshot(page, 'inventory-node-applications.png');
  await inventory.getByRole('tab', { name: /Services/ }).click();
  await expect(inventory.getByRole('table', { name: 'Services' }).or(inventory.getByText('This node has reported no services'))).toBeVisible();
  await inventory.getByRole('button', { name: 'Refresh now' }).click();
  await expect(inventory.getByRole('status')).toHaveText('Inventory collected just now', { timeout: 90_000 });
  await inventory.getByRole('tab', { name: /Changes/ }).click();
  await expect(inventory.getByRole('table', { name: 'Inventory changes' }).or(inventory.getByText('No changes recorded yet'))).toBeVisible();
  await runScreenshot(page, 'inventory-node-changes.png');

  // The same view is a tab of the node's page in Fleet Manager.
  await page.goto(`/fleet/${nodeId}?tab=inventory`);
  await expect(page.getByRole('tab', { name: 'Inventory', selected: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Inventory' }).getByRole('tab', { name: /Applications/ })).toBeVisible();
});
