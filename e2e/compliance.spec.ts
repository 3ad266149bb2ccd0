import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, localNodeId, runScreenshot } from './fixtures';

test('a failing association shows its node non-compliant; fix it, remediate, and the node is compliant again', async ({ adminPage: page }) => {
  const nodeId = await localNodeId(page);
  const name = `e2e-compliance-${Date.now()}`;
  const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-e2e-compliance-')), 'configured');
  const created = await page.request.post('/api/associations', {
    data: { name, documentName: 'AWS-RunShellScript', parameters: { commands: [`test -f ${marker}`] }, targets: [{ Key: 'InstanceIds', Values: [nodeId] }], complianceSeverity: 'CRITICAL' },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const { AssociationId: associationId } = (await created.json()) as { AssociationId: string };
  try {
    // The first run fails on the node: the script's file is not there.
    await expect
      .poll(async () => {
        const response = await page.request.get(`/api/compliance/resources/${nodeId}/items?type=Association`);
        const { items } = (await response.json()) as { items: { Id: string; Status: string }[] };
        return items.find((item) => item.Id === associationId)?.Status;
      }, { timeout: 30_000 })
      .toBe('NON_COMPLIANT');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Compliance' }).click();
    await expect(page.getByRole('heading', { name: 'Compliance', level: 1 })).toBeVisible();
    const card = page.getByRole('region', { name: 'Association compliance' });
    await expect(card.getByRole('list', { name: 'Association non-compliant nodes by severity' }).locator('[data-severity="CRITICAL"]')).toBeVisible();
    await card.getByRole('button', { name: /^\d+ nodes?$/ }).last().click();
    await expect(page).toHaveURL(/type=Association/);
    await expect(page).toHaveURL(/status=NON_COMPLIANT/);
    const row = page.getByRole('table', { name: 'Resources' }).locator(`tr[data-resource="${nodeId}"][data-type="Association"]`);
    await expect(row.locator('[data-compliance="NON_COMPLIANT"]')).toBeVisible();
    await expect(row.locator('[data-severity="CRITICAL"]')).toBeVisible();
    await runScreenshot(page, 'compliance-non-compliant.png');

    // Drill down to the node's items: the association, its document and severity.
    await row.getByRole('link').first().click();
    await expect(page).toHaveURL(new RegExp(`/compliance/${nodeId}\\?type=Association$`));
    const item = page.getByRole('table', { name: 'Compliance items' }).locator(`tr[data-item="${associationId}"]`);
    await expect(item).toContainText(name);
    await expect(item).toContainText('AWS-RunShellScript');
    await expect(item.locator('[data-compliance="NON_COMPLIANT"]')).toBeVisible();
    await runScreenshot(page, 'compliance-node-items.png');

    // Fix the node, then remediate: run the association again there.
    fs.writeFileSync(marker, 'ok\n');
    await page.getByRole('button', { name: 'Remediate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remediate' });
    await expect(dialog.getByRole('radio', { name: /Run the association now/ })).toBeChecked();
    await runScreenshot(page, 'compliance-remediate-dialog.png');
    // The runbook choice lists Automation documents and, once one is chosen, its parameters.
    await dialog.getByRole('radio', { name: /Start a runbook/ }).check();
    await expect(dialog.getByRole('combobox', { name: 'Runbook' }).locator('option', { hasText: 'AWS-CollectDiagnostics' })).toBeAttached();
    await dialog.getByRole('combobox', { name: 'Runbook' }).selectOption('AWS-CollectDiagnostics');
    await expect(dialog.getByRole('combobox', { name: 'Target parameter' }).locator('option', { hasText: 'InstanceId' })).toBeAttached();
    await runScreenshot(page, 'compliance-remediate-runbook.png');
    await dialog.getByRole('radio', { name: /Run the association now/ }).check();
    await dialog.getByRole('button', { name: 'Start remediation' }).click();
    const started = page.getByRole('status', { name: 'Remediation started' });
    await expect(started.getByRole('link', { name: `Association ${name}` })).toHaveAttribute('href', `/state-manager/${associationId}`);
    await expect(item.locator('[data-compliance="COMPLIANT"]')).toBeVisible({ timeout: 30_000 });
    await runScreenshot(page, 'compliance-remediated.png');

    // Other associations on this node (the default inventory one) have their own items: only ours is asserted.
    await page.getByRole('link', { name: 'All nodes' }).click();
    await expect(page.getByRole('heading', { name: 'Compliance', level: 1 })).toBeVisible();
  } finally {
    await page.request.delete(`/api/associations/${associationId}`);
    fs.rmSync(path.dirname(marker), { recursive: true, force: true });
  }
});
