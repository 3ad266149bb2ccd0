import { test, expect, signIn } from './fixtures';
import { newStateDir, registerAgentProcess, startAgentProcess } from './support/agents';

test('a wrong password is refused in words, and pages need a session', async ({ page }) => {
  await page.goto('/fleet');
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, 'not-the-password');
  await expect(page.getByRole('alert').filter({ hasText: 'not correct' })).toHaveText('The user name or password is not correct');
});

test('sign in, create an activation, see the local node Online in Fleet Manager', async ({ adminPage: page, baseURL }) => {
  await page.getByRole('link', { name: 'Hybrid Activations' }).click();
  await page.getByRole('button', { name: 'Create activation' }).click();
  const form = page.getByRole('form', { name: 'Create activation' });
  await form.getByLabel('Description').fill('Rack 4 web servers');
  await form.getByLabel('Registration limit').fill('5');
  await form.getByLabel('Tags for registered nodes').fill('Environment=dev');
  await form.getByRole('button', { name: 'Create activation' }).click();

  const notice = page.getByRole('status', { name: 'New activation' });
  await expect(notice).toContainText('it is not shown again');
  const activationCode = (await page.getByTestId('activation-code').textContent())!;
  const activationId = (await page.getByTestId('activation-id').textContent())!;
  await expect(page.getByRole('table', { name: 'Activations' })).toContainText('Rack 4 web servers');
  await page.screenshot({ path: 'e2e/artifacts/activations.png', fullPage: true });

  await page.getByRole('link', { name: 'Fleet Manager' }).click();
  const table = page.getByRole('table', { name: 'Managed nodes' });
  // The machine running the server enrolled itself at first start.
  await expect(table.locator('[data-status="Online"]').first()).toBeVisible();

  // A new agent appears and its status changes live, without a reload.
  const stateDir = newStateDir();
  const registered = await registerAgentProcess({ serverUrl: baseURL!, activationCode, activationId, stateDir, name: 'e2e-web-1' });
  expect(registered.code, registered.output).toBe(0);
  const agent = startAgentProcess(stateDir);
  const row = table.getByRole('row').filter({ hasText: 'e2e-web-1' });
  await expect(row.locator('[data-status="Online"]')).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/fleet-manager.png', fullPage: true });

  agent.child.kill('SIGKILL');
  await expect(row.locator('[data-status="ConnectionLost"]')).toBeVisible({ timeout: 30_000 });

  await row.getByRole('link', { name: registered.nodeId! }).click();
  await expect(page.getByRole('heading', { name: /e2e-web-1/ })).toBeVisible();
  await expect(page.getByText('Environment=dev')).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/node-detail.png', fullPage: true });
});

test('capabilities not built yet say so plainly', async ({ adminPage: page }) => {
  await page.getByRole('link', { name: /^OpsCenter\b/ }).click();
  await expect(page.getByText('OpsCenter is not built yet')).toBeVisible();
  await page.goto('/dashboard-that-does-not-exist');
  await expect(page.getByText('This page could not be found.')).toBeVisible();
});

test('the dashboard counts the fleet', async ({ adminPage: page }) => {
  await expect(page.getByTestId('summary-total')).not.toHaveText('0');
  await page.screenshot({ path: 'e2e/artifacts/dashboard.png', fullPage: true });
});
