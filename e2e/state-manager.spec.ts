import { test, expect, localNodeId, runScreenshot } from './fixtures';

test('create an association from the console and watch its first run succeed', async ({ adminPage: page }) => {
  const nodeId = await localNodeId(page);
  const name = `e2e-hello-${Date.now()}`;

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'State Manager' }).click();
  await expect(page.getByRole('heading', { name: 'State Manager', level: 1 })).toBeVisible();
  await expect(page.getByText('No associations yet').or(page.getByRole('table', { name: 'Associations' }))).toBeVisible();
  if (await page.getByText('No associations yet').isVisible()) await runScreenshot(page, 'state-manager-empty.png');

  await page.getByRole('main').getByRole('link', { name: 'Create association' }).first().click();
  const form = page.getByRole('form', { name: 'Create association' });
  await expect(form.getByRole('combobox', { name: 'Document', exact: true })).toHaveValue('AWS-RunShellScript');
  await form.getByLabel('Association name').fill(name);
  await form.getByLabel('commands').fill('echo hello');
  await form.getByLabel('Search nodes').fill(nodeId);
  await form.getByRole('checkbox', { name: new RegExp(nodeId) }).check();
  await expect(form.getByTestId('target-count')).toHaveText('1 node');

  // The schedule field reads the expression as you type: words and the next five runs...
  const preview = form.getByRole('status', { name: 'Schedule preview' });
  await form.getByRole('radio', { name: /^Rate/ }).check();
  await form.getByLabel('Schedule expression').fill('rate(30 minutes)');
  await expect(preview.getByTestId('schedule-description')).toHaveText('Runs every 30 minutes');
  await expect(preview.getByRole('list', { name: 'Next runs' }).getByRole('listitem')).toHaveCount(5);
  await runScreenshot(page, 'state-manager-form-rate.png');
  // ...or why AWS would refuse it.
  await form.getByRole('radio', { name: /^Cron/ }).check();
  await form.getByLabel('Schedule expression').fill('cron(0 2 * * SUN)');
  await expect(preview.getByTestId('schedule-error')).toContainText('AWS cron expressions have 6 fields');
  await runScreenshot(page, 'state-manager-form-cron-error.png');
  await form.getByLabel('Schedule expression').fill('cron(0 2 ? * SUN *)');
  await expect(preview.getByTestId('schedule-description')).toHaveText('Runs at 02:00 on Sunday, UTC');

  // No schedule: it runs once, now.
  await form.getByRole('radio', { name: /^No schedule/ }).check();
  await form.getByRole('button', { name: 'Create association' }).click();

  await expect(page).toHaveURL(/\/state-manager\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
  const history = page.getByRole('table', { name: 'Execution history' });
  const firstRun = history.locator('tbody > tr[data-execution]').first();
  await expect(firstRun).toContainText('Created');
  await expect(firstRun.locator('td:nth-child(2) [data-status]')).toHaveAttribute('data-status', 'Success', { timeout: 45_000 });
  await firstRun.getByRole('button', { name: /^Show nodes of run/ }).click();
  const output = page.getByLabel(`Output of ${nodeId}`);
  await expect(output).toHaveText('hello');
  await expect(page.getByTestId('association-status').locator('[data-status]')).toHaveAttribute('data-status', 'Success');
  await runScreenshot(page, 'state-manager-detail.png');

  // The node is compliant; its row links to the node's page.
  await page.getByRole('tab', { name: 'Node status' }).click();
  const nodeRow = page.getByRole('table', { name: 'Node status' }).locator(`tr[data-node="${nodeId}"]`);
  await expect(nodeRow.locator('[data-compliance]')).toHaveAttribute('data-compliance', 'COMPLIANT');
  await expect(nodeRow.getByRole('link').first()).toHaveAttribute('href', `/fleet/${nodeId}`);

  // Apply now: a second run, whatever the schedule says.
  await page.getByRole('tab', { name: 'Execution history' }).click();
  await page.getByRole('button', { name: 'Apply now' }).click();
  const runs = history.locator('tbody > tr[data-execution]');
  await expect(runs).toHaveCount(2);
  await expect(runs.first()).toContainText('Applied now');
  await expect(runs.first().locator('td:nth-child(2) [data-status]')).toHaveAttribute('data-status', 'Success', { timeout: 45_000 });

  // Edit: the same form, prefilled; saving makes version 2, which runs at once and then every 30 minutes.
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  const editForm = page.getByRole('form', { name: 'Edit association' });
  await expect(editForm.getByLabel('commands')).toHaveValue('echo hello');
  await expect(editForm.getByLabel('Chosen nodes')).toContainText(nodeId);
  await editForm.getByLabel('commands').fill('echo hello again');
  await editForm.getByRole('radio', { name: /^Rate/ }).check();
  await editForm.getByLabel('Schedule expression').fill('rate(30 minutes)');
  await expect(editForm.getByTestId('schedule-description')).toHaveText('Runs every 30 minutes');
  await editForm.getByRole('button', { name: 'Save new version' }).click();
  await expect(page.getByTestId('association-schedule')).toHaveText('every 30 minutes');
  await expect(page.getByRole('region', { name: 'Overview' }).getByRole('list', { name: 'Next runs' }).getByRole('listitem')).toHaveCount(5);
  await expect(runs.first()).toContainText('Updated · v2');
  await expect(runs.first().locator('td:nth-child(2) [data-status]')).toHaveAttribute('data-status', 'Success', { timeout: 45_000 });
  await runs.first().getByRole('button', { name: /^Show nodes of run/ }).click();
  await expect(page.getByLabel(`Output of ${nodeId}`)).toHaveText('hello again');
  await page.getByRole('tab', { name: 'Versions' }).click();
  await expect(page.getByRole('table', { name: 'Versions' }).locator('tbody > tr')).toHaveCount(2);
  await runScreenshot(page, 'state-manager-versions.png');

  // The list: the association, its targets and schedule in words, and its nodes by status.
  await page.getByRole('link', { name: '← State Manager' }).click();
  const row = page.getByRole('table', { name: 'Associations' }).getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('AWS-RunShellScript');
  await expect(row).toContainText('every 30 minutes');
  await expect(row.locator('[data-count-status="Success"]')).toHaveText('1Success');
  await runScreenshot(page, 'state-manager-list.png');

  // Delete asks first, then the list no longer has it.
  await row.getByRole('link', { name }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete association' }).click();
  await expect(page).toHaveURL(/\/state-manager$/);
  await expect(page.getByRole('table', { name: 'Associations' }).getByRole('row').filter({ hasText: name })).toHaveCount(0);
});

test('a runbook association takes each node in its target parameter; bad ids and expressions are answered in words', async ({ adminPage: page }) => {
  await page.goto('/state-manager/new');
  const form = page.getByRole('form', { name: 'Create association' });
  await form.getByRole('radio', { name: /^Automation runbook/ }).check();
  await form.getByRole('combobox', { name: 'Runbook', exact: true }).selectOption('Opsdeck-RestartService');
  await expect(form.getByLabel('InstanceId', { exact: true })).toBeVisible();
  await form.getByRole('combobox', { name: 'Target parameter' }).selectOption('InstanceId');
  await expect(form.getByLabel('InstanceId', { exact: true })).toHaveCount(0);
  await expect(form.getByText('InstanceId is filled with each target node\'s id.')).toBeVisible();
  await form.getByRole('radio', { name: /^Every managed node/ }).check();
  await expect(form.getByTestId('target-count')).toContainText('and every node that registers later');
  await runScreenshot(page, 'state-manager-form-runbook.png');

  const badId = await page.request.get('/api/associations/not-an-id');
  expect(badId.status()).toBe(400);
  expect(((await badId.json()) as { message: string }).message).toContain('expected an association id');
  const missing = await page.request.get('/api/associations/00000000-0000-4000-8000-000000000000');
  expect(missing.status()).toBe(404);
  const preview = await page.request.get(`/api/schedules/preview?${new URLSearchParams({ expression: 'rate(1 minutes)' })}`);
  expect(await preview.json()).toEqual({ error: "rate(1 minutes): use the singular 'minute' for 1" });
});
