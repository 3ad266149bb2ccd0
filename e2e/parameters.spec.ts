import { test, expect, screenshot, signIn, createUserViaApi } from './fixtures';
import type { APIRequestContext } from '@playwright/test';

const SECRET_NAME = '/e2e/db/password';
const SECRET = 'correct-horse-battery-staple';

const detailHref = (name: string) => `/parameters/view?${new URLSearchParams({ name })}`;

async function createViaApi(request: APIRequestContext, input: Record<string, unknown>): Promise<void> {
  const response = await request.post('/api/parameters', { data: input });
  expect(response.ok(), await response.text()).toBe(true);
}

test('create a SecureString in the hierarchy, find it in the tree, reveal it, and see the reveal in the audit trail', async ({ adminPage: page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Parameter Store' }).click();
  await expect(page.getByRole('heading', { name: 'Parameter Store', level: 1 })).toBeVisible();
  await expect(page.getByText('No parameters yet')).toBeVisible();
  await screenshot(page, 'parameters-empty.png');

  await page.getByRole('link', { name: 'Create parameter' }).first().click();
  const form = page.getByRole('form', { name: 'Create parameter' });
  await form.getByLabel('Name', { exact: true }).fill(SECRET_NAME);
  await form.getByLabel('Description').fill('Primary database password');
  await form.getByRole('radio', { name: /^SecureString/ }).check();
  // The default key is offered first; the value counter follows the tier's limit.
  await expect(form.getByLabel('Encryption key')).toHaveValue('alias/aws/ssm');
  await form.getByLabel('Value', { exact: true }).fill(SECRET);
  await expect(form.getByRole('status', { name: 'Value length' })).toHaveText(`${SECRET.length} / 4,096 characters (Standard)`);
  await expect(form.getByRole('list', { name: 'Naming rules' })).not.toContainText('not met');
  await screenshot(page, 'parameter-create.png');
  await form.getByRole('button', { name: 'Create parameter' }).click();

  // The detail page: the secret is not on it until someone asks.
  await expect(page).toHaveURL(/\/parameters\/view\?name=%2Fe2e%2Fdb%2Fpassword$/);
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(SECRET_NAME) })).toBeVisible();
  await expect(page.getByLabel('Hidden value')).toBeVisible();
  await expect(page.getByText(SECRET)).toHaveCount(0);

  // In the tree: /e2e opens to /e2e/db, which holds one parameter.
  await page.goto('/parameters');
  const tree = page.getByRole('navigation', { name: 'Parameter hierarchy' });
  await tree.getByRole('button', { name: 'Expand /e2e' }).click();
  await tree.getByRole('button', { name: '/e2e/db, 1 parameter' }).click();
  await expect(page).toHaveURL(/path=%2Fe2e%2Fdb/);
  const table = page.getByRole('table', { name: 'Parameters' });
  await expect(table.getByRole('row').filter({ hasText: 'password' })).toContainText('SecureString');
  await expect(table.getByRole('row').filter({ hasText: 'password' })).toContainText('admin');
  await screenshot(page, 'parameters-tree.png');

  // The search box narrows the tree to the paths that lead to matching names.
  await tree.getByLabel('Search names').fill('passw');
  await expect(tree.getByRole('status')).toHaveText('1 name contains "passw".');
  await expect(tree.getByRole('button', { name: '/e2e/db, 1 match' })).toBeVisible();
  await tree.getByRole('button', { name: '/e2e, 1 match' }).click();
  await expect(page).toHaveURL(/q=passw/);
  await expect(table.getByRole('link', { name: SECRET_NAME })).toBeVisible();
  await tree.getByLabel('Search names').fill('');
  await expect(tree.getByRole('button', { name: 'Collapse /e2e' })).toBeVisible();
  await tree.getByRole('button', { name: '/e2e/db, 1 parameter' }).click();

  await table.getByRole('link', { name: SECRET_NAME }).click();
  await expect(page.getByText('Showing the value decrypts it and is recorded in the audit trail')).toBeVisible();
  await screenshot(page, 'parameter-secret-hidden.png');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByLabel('Parameter value')).toHaveText(SECRET);
  await screenshot(page, 'parameter-secret-shown.png');
  await page.getByRole('button', { name: 'Hide', exact: true }).click();
  await expect(page.getByText(SECRET)).toHaveCount(0);

  // The history hides the values too, until asked.
  await page.getByRole('tab', { name: 'History' }).click();
  const versions = page.getByRole('table', { name: 'Versions' });
  await expect(versions.getByLabel('Hidden value')).toBeVisible();
  await page.getByRole('button', { name: 'Show values' }).click();
  await expect(versions).toContainText(SECRET);
  await page.getByRole('button', { name: 'Hide values' }).click();
  await expect(versions.getByLabel('Hidden value')).toBeVisible();

  // The reveal is in the audit trail: the GetParameter that asked for decryption, and the Decrypt
  // of this parameter's value under its own encryption context.
  await page.goto('/audit');
  const events = page.getByRole('table', { name: 'Audit events' });
  const reveal = events.locator('tr[data-action="GetParameter"]').filter({ hasText: 'parameter/e2e/db/password' });
  await expect(reveal).toHaveCount(1);
  await expect(reveal).toContainText('admin');
  await expect(reveal).toContainText('Success');
  await expect(events.locator('tr[data-action="GetParameterHistory"]').filter({ hasText: 'parameter/e2e/db/password' })).toHaveCount(1);
  const decrypt = events.locator('tr[data-action="Decrypt"]').first();
  await expect(decrypt).toContainText('admin');
  await decrypt.getByRole('button', { name: /Details of Decrypt/ }).click();
  await expect(page.getByLabel('Request parameters')).toContainText(`parameter:${SECRET_NAME}`);
  await expect(page.getByRole('main')).not.toContainText(SECRET);
});

test('a bad name shows the rule it breaks, in words, and saves nothing; the server\'s refusals show in words too', async ({ adminPage: page }) => {
  await page.goto('/parameters/new?path=/e2e');
  const form = page.getByRole('form', { name: 'Create parameter' });
  const name = form.getByLabel('Name', { exact: true });
  // The form starts in the path the user was looking at.
  await expect(name).toHaveValue('/e2e/');
  await name.fill('/e2e/bad name');
  const rules = form.getByRole('list', { name: 'Naming rules' });
  await expect(rules.getByRole('listitem').filter({ hasText: 'Letters, numbers' })).toContainText('not met');
  await expect(form.getByRole('alert').first()).toHaveText("Name '/e2e/bad name': it contains a space, which a parameter name may not.");
  await form.getByLabel('Value', { exact: true }).fill('value');
  await form.getByRole('button', { name: 'Create parameter' }).click();
  await expect(form.getByRole('alert', { name: 'Problems to fix' })).toContainText('Nothing was saved');
  await screenshot(page, 'parameter-create-error.png');
  await expect(page).toHaveURL(/\/parameters\/new/);
  const missing = await page.request.get(`/api/parameters/detail?${new URLSearchParams({ name: '/e2e/bad name' })}`);
  expect((await missing.json()) as { __type: string }).toMatchObject({ __type: 'ParameterNotFound' });

  await name.fill('/aws/reserved');
  await expect(rules.getByRole('listitem').filter({ hasText: 'Does not begin with "aws"' })).toContainText('not met');
  await expect(form.getByRole('alert').first()).toContainText('names beginning with "aws" are reserved for AWS');

  // What only the server knows (the name is taken) comes back in its words.
  await createViaApi(page.request, { Name: '/e2e/taken', Value: 'v', Type: 'String' });
  await name.fill('/e2e/taken');
  await form.getByLabel('Value', { exact: true }).fill('v');
  await form.getByRole('button', { name: 'Create parameter' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'The parameter already exists' })).toBeVisible();

  // Over 4,096 characters needs the Advanced tier, which also holds policies: made with inputs, sent as JSON.
  await name.fill('/e2e/big');
  await form.getByLabel('Value', { exact: true }).fill('x'.repeat(5000));
  await expect(form.getByRole('status', { name: 'Value length' })).toHaveText('5,000 / 4,096 characters (Standard)');
  await form.getByRole('radio', { name: /^Advanced/ }).check();
  await expect(form.getByRole('status', { name: 'Value length' })).toHaveText('5,000 / 8,192 characters (Advanced)');
  const policies = form.getByRole('region', { name: 'Policies' });
  await policies.getByRole('checkbox', { name: /^Expiration Deletes/ }).check();
  await policies.getByLabel('Expiration date and time').fill('2099-12-31T23:00');
  await policies.getByRole('checkbox', { name: /^No-change notification/ }).check();
  await policies.getByLabel('Notify if unchanged for').fill('90');
  await policies.getByText('Policies JSON sent to PutParameter').click();
  await expect(policies.getByLabel('Policies JSON')).toContainText('"After": "90"');
  await screenshot(page, 'parameter-create-policies.png');
  await form.getByRole('button', { name: 'Create parameter' }).click();
  await expect(page).toHaveURL(/\/parameters\/view\?name=%2Fe2e%2Fbig$/);
  const stored = page.getByRole('list', { name: 'Policies' });
  await expect(stored.getByRole('listitem').filter({ hasText: 'Expiration' }).first()).toContainText('Deletes the parameter on 31 Dec 2099');
  await expect(stored.getByRole('listitem').filter({ hasText: 'NoChangeNotification' })).toContainText('has not changed for 90 days');
  await expect(stored).toContainText('Pending');
});

test('edit writes version 2, the history diff shows the change, and labels attach, move and come off', async ({ adminPage: page }) => {
  const name = '/e2e/app/config';
  await createViaApi(page.request, { Name: name, Value: 'host=db.internal\nport=5432', Type: 'String', Description: 'App settings' });
  await page.goto(detailHref(name));
  await expect(page.getByLabel('Parameter value')).toHaveText('host=db.internal\nport=5432');

  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  const form = page.getByRole('form', { name: `Edit parameter ${name}` });
  await expect(form.getByLabel('Value', { exact: true })).toHaveValue('host=db.internal\nport=5432');
  await form.getByLabel('Value', { exact: true }).fill('host=db.internal\nport=6432');
  await form.getByRole('button', { name: 'Save new version' }).click();

  await expect(page).toHaveURL(/tab=history/);
  const versions = page.getByRole('table', { name: 'Versions' });
  await expect(versions.getByRole('row')).toHaveCount(3);
  const diff = page.getByRole('figure', { name: 'Differences between version 1 and version 2' });
  await expect(diff.locator('tr[data-diff="removed"]')).toHaveText(/port=5432/);
  await expect(diff.locator('tr[data-diff="added"]')).toHaveText(/port=6432/);
  await expect(diff.locator('tr[data-diff="same"]')).toHaveText(/host=db\.internal/);

  // Labels: one accepted, one refused with the reason; then moved to version 1, then removed.
  const attach = page.getByRole('form', { name: 'Attach labels' });
  await attach.getByLabel('Labels').fill('prod, 1st');
  await attach.getByRole('button', { name: 'Attach labels' }).click();
  const result = attach.getByRole('status', { name: 'Label result' });
  await expect(result).toContainText('Version 2 now has prod.');
  await expect(result).toContainText('1st: a label cannot begin with a number.');
  const row = (version: number) => versions.getByRole('row').filter({ has: page.getByRole('cell', { name: String(version), exact: true }) });
  await expect(row(2)).toContainText('prod');
  await screenshot(page, 'parameter-history-diff.png');

  await page.getByRole('button', { name: 'Add label to version 1' }).click();
  await expect(attach.getByLabel('Labels')).toBeFocused();
  await page.keyboard.type('prod');
  await attach.getByRole('button', { name: 'Attach labels' }).click();
  await expect(result).toContainText('Version 1 now has prod (moved from version 2).');
  await expect(row(1)).toContainText('prod');
  await expect(row(2)).not.toContainText('prod');

  await page.getByRole('button', { name: 'Remove label prod from version 1' }).click();
  await expect(row(1)).not.toContainText('prod');

  // The overview shows the new version's value.
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByLabel('Parameter value')).toHaveText('host=db.internal\nport=6432');

  // Everything under /e2e, from the tree: the four parameters these tests made, with their versions.
  await page.goto('/parameters?path=/e2e&recursive=1');
  const table = page.getByRole('table', { name: 'Parameters' });
  await expect(table.getByRole('row')).toHaveCount(5);
  await expect(table.getByRole('row').filter({ hasText: 'config' })).toContainText('2');
  await page.getByRole('navigation', { name: 'Parameter hierarchy' }).getByRole('button', { name: '/e2e/app, 1 parameter' }).waitFor();
  await screenshot(page, 'parameters-all.png');
});

test('a read-only user sees parameters and their history, and is offered nothing that changes them or reveals a secret', async ({ adminPage: page, browser, baseURL }) => {
  const viewer = `param-viewer-${Date.now()}`;
  await createUserViaApi(page.request, viewer, 'param-viewer-password');
  const attached = await page.request.post('/api/iam/attachments', { data: { policyName: 'ReadOnlyAccess', principalType: 'user', principalName: viewer } });
  expect(attached.ok(), await attached.text()).toBe(true);
  await createViaApi(page.request, { Name: '/e2e/ro/secret', Value: 'not-for-viewers', Type: 'SecureString' });
  await createViaApi(page.request, { Name: '/e2e/ro/plain', Value: 'visible-to-viewers', Type: 'String' });

  const context = await browser.newContext({ baseURL });
  try {
    const viewerPage = await context.newPage();
    await signIn(viewerPage, 'param-viewer-password', viewer);
    await viewerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Parameter Store' }).click();
    await viewerPage.getByRole('navigation', { name: 'Parameter hierarchy' }).getByRole('button', { name: 'Expand /e2e' }).click();
    await viewerPage.getByRole('navigation', { name: 'Parameter hierarchy' }).getByRole('button', { name: '/e2e/ro, 2 parameters' }).click();
    await expect(viewerPage.getByRole('table', { name: 'Parameters' }).getByRole('link', { name: '/e2e/ro/plain' })).toBeVisible();
    await expect(viewerPage.getByRole('link', { name: 'Create parameter' })).toHaveCount(0);

    // A String's value can be read (ssm:GetParameter); nothing can be changed.
    await viewerPage.goto(detailHref('/e2e/ro/plain'));
    await expect(viewerPage.getByLabel('Parameter value')).toHaveText('visible-to-viewers');
    await expect(viewerPage.getByRole('link', { name: 'Edit', exact: true })).toHaveCount(0);
    await expect(viewerPage.getByRole('button', { name: 'Delete' })).toHaveCount(0);
    await expect(viewerPage.getByRole('form', { name: 'Add tag' })).toHaveCount(0);
    await viewerPage.getByRole('tab', { name: 'History' }).click();
    await expect(viewerPage.getByRole('table', { name: 'Versions' })).toContainText('visible-to-viewers');
    await expect(viewerPage.getByRole('form', { name: 'Attach labels' })).toHaveCount(0);

    // A SecureString needs kms:Decrypt too, which ReadOnlyAccess does not give: no Show, and why.
    await viewerPage.goto(detailHref('/e2e/ro/secret'));
    await expect(viewerPage.getByLabel('Hidden value')).toBeVisible();
    await expect(viewerPage.getByRole('button', { name: 'Show', exact: true })).toHaveCount(0);
    await expect(viewerPage.getByText('takes ssm:GetParameter on the parameter and kms:Decrypt on its key')).toBeVisible();
  } finally {
    await context.close();
  }
});
