import { test, expect, screenshot, localNodeId } from './fixtures';

/** A one-time schedule (UTC) this many seconds from now: the window opens while the test watches. */
const atSoon = (seconds: number) => `at(${new Date(Date.now() + seconds * 1000).toISOString().slice(0, 19)})`;

test('create a window with a task from the console and see its execution in the history', async ({ adminPage: page }) => {
  test.setTimeout(150_000);
  const nodeId = await localNodeId(page);
  const name = `e2e-window-${Date.now()}`;

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Maintenance Windows' }).click();
  await expect(page.getByRole('heading', { name: 'Maintenance Windows', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Create window' }).click();
  const form = page.getByRole('form', { name: 'Create maintenance window' });
  await form.getByLabel('Name', { exact: true }).fill(name);

  // The schedule reads back in words with its next five occurrences as it is typed, and says what is wrong.
  await form.getByLabel('Schedule', { exact: true }).fill('cron(0 2 * * SUN *)');
  await expect(page.getByTestId('schedule-error')).toContainText('?');
  await form.getByLabel('Schedule', { exact: true }).fill('cron(0 2 ? * SUN *)');
  await form.getByLabel('Time zone').fill('Europe/Berlin');
  const preview = page.getByRole('status', { name: 'Schedule preview' });
  await expect(preview).toContainText('Opens at 02:00 on Sunday, Europe/Berlin');
  await expect(preview.getByRole('list', { name: 'Next occurrences' }).getByRole('listitem')).toHaveCount(5);
  await screenshot(page, 'maintenance-window-create.png');

  // For the test, a window that opens shortly after its target and task are registered.
  await form.getByLabel('Schedule', { exact: true }).fill(atSoon(40));
  await form.getByLabel('Time zone').fill('');
  await form.getByLabel('Duration (hours)').fill('1');
  await form.getByLabel('Cutoff (hours)').fill('0');
  await form.getByRole('button', { name: 'Create window' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(name) })).toBeVisible();

  await page.getByRole('button', { name: 'Register target' }).click();
  const targetForm = page.getByRole('form', { name: 'Register target' });
  await targetForm.getByLabel('Node IDs').fill(nodeId);
  await targetForm.getByLabel('Target name').fill('this-machine');
  await targetForm.getByRole('button', { name: 'Register target' }).click();
  await expect(page.getByRole('table', { name: 'Targets' })).toContainText(`InstanceIds = ${nodeId}`);

  await page.getByRole('button', { name: 'Register task' }).click();
  const taskForm = page.getByRole('form', { name: 'Register task' });
  await taskForm.getByLabel('Commands').fill('echo "patched in {{WINDOW_ID}}"');
  await taskForm.getByLabel('Task name').fill('patch');
  await taskForm.getByRole('button', { name: 'Register task' }).click();
  await expect(page.getByRole('table', { name: 'Tasks' })).toContainText('AWS-RunShellScript');

  // The occurrence comes: the history shows it running, then succeeded.
  const history = page.getByRole('table', { name: 'Execution history' });
  await expect(history.getByText('Success')).toBeVisible({ timeout: 90_000 });
  await screenshot(page, 'maintenance-window-detail.png');

  await history.getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: /Execution for/ })).toBeVisible();
  const windowId = /\/maintenance-windows\/(mw-[0-9a-f]{17})\//.exec(page.url())![1]!;
  await expect(page.getByRole('table', { name: 'Invocations of patch' })).toContainText(`patched in ${windowId}`);
  await expect(page.getByRole('link', { name: 'Open command' })).toHaveAttribute('href', /^\/run-command\/[0-9a-f-]{36}$/);
  await screenshot(page, 'maintenance-window-execution.png');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Maintenance Windows' }).click();
  const row = page.getByRole('table', { name: 'Maintenance windows' }).getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Success');
  await screenshot(page, 'maintenance-windows.png');

  // Deleting asks for the name first, then the window and its history go.
  await row.getByRole('link', { name }).click();
  await page.getByRole('button', { name: 'Delete window' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete maintenance window ${name}?` });
  await dialog.getByRole('textbox').fill(name);
  await dialog.getByRole('button', { name: 'Delete window' }).click();
  await expect(page).toHaveURL(/\/maintenance-windows$/);
  await expect(page.getByRole('link', { name })).toBeHidden();
});
