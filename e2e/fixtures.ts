import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_ADMIN_PASSWORD } from '../playwright.config';

export async function signIn(page: Page, password = E2E_ADMIN_PASSWORD, username = 'admin'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Creates a console user through the console API, with the cookie of whoever `request` belongs to. */
export async function createUserViaApi(request: APIRequestContext, username: string, password: string): Promise<void> {
  const response = await request.post('/api/iam/users', { data: { username, password } });
  expect(response.ok(), await response.text()).toBe(true);
}

/** A full-page screenshot into e2e/artifacts/, taken from the top so the sticky sidebar sits where people see it. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `e2e/artifacts/${name}`, fullPage: true });
}

/** A full-page screenshot into this run's output dir (OPSDECK_E2E_OUTPUT_DIR), taken from the top. */
export async function runScreenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(test.info().project.outputDir, name), fullPage: true });
}

/** The machine running the server enrolled itself at first start; its node is named after the host. */
export async function localNodeId(page: Page): Promise<string> {
  const response = await page.request.get('/api/nodes?pageSize=100');
  const { nodes } = (await response.json()) as { nodes: { nodeId: string; name: string; pingStatus: string }[] };
  const local = nodes.find((node) => node.name === os.hostname() && node.pingStatus === 'Online');
  expect(local, JSON.stringify(nodes)).toBeDefined();
  return local!.nodeId;
}

/** A page already signed in as the admin. */
export const test = base.extend<{ adminPage: Page }>({
  adminPage: async ({ page }, use) => {
    await signIn(page);
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await use(page);
  },
});

export { expect };
