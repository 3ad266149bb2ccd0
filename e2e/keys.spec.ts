import { test, expect, screenshot } from './fixtures';

const ALIAS = 'alias/e2e-payments';

test('create a customer key with an alias, disable and enable it, rotate it, schedule its deletion and cancel', async ({ adminPage: page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Keys' }).click();
  await expect(page.getByRole('heading', { name: 'Keys', level: 1 })).toBeVisible();
  const list = page.getByRole('table', { name: 'Keys' });
  // The AWS managed key exists from the first start; customer keys do not yet, and the page says so.
  await expect(list.getByRole('link', { name: 'alias/aws/ssm' })).toBeVisible();
  await expect(list.getByText('AWS managed')).toBeVisible();
  await expect(page.getByText('No customer managed keys yet')).toBeVisible();
  await screenshot(page, 'keys-empty.png');

  await page.getByRole('button', { name: 'Create key' }).click();
  const form = page.getByRole('form', { name: 'Create key' });
  await form.getByLabel('Alias').fill('e2e-payments');
  await form.getByLabel('Description').fill('payments database credentials');
  await form.getByLabel('Tags').fill('Team=payments, Environment=prod');
  await screenshot(page, 'key-create.png');
  await form.getByRole('button', { name: 'Create key' }).click();

  await expect(page).toHaveURL(/\/keys\/[0-9a-f-]{36}$/);
  const keyId = page.url().split('/').at(-1)!;
  // Anchored: the confirmation dialogs' headings name the key too.
  const title = page.getByRole('heading', { level: 2, name: new RegExp(`^${ALIAS} `) });
  await expect(title).toContainText('Enabled');
  await expect(title).toContainText('Customer managed');
  await expect(page.getByText('Team=payments')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Key aliases' })).toContainText(ALIAS);

  // In the list beside the AWS managed key, Enabled.
  await page.getByRole('link', { name: '← Keys' }).click();
  await expect(list.getByRole('link', { name: ALIAS })).toBeVisible();
  await expect(page.getByTestId(`key-state-${keyId}`)).toHaveText('Enabled');
  await expect(page.getByText('No customer managed keys yet')).toBeHidden();
  await screenshot(page, 'keys.png');

  // Disable, with a confirmation that says what it does; the list shows the new state.
  await list.getByRole('link', { name: ALIAS }).click();
  await page.getByRole('button', { name: 'Disable key' }).click();
  const disableDialog = page.getByRole('dialog', { name: `Disable key ${ALIAS}?` });
  await expect(disableDialog).toContainText('nothing can encrypt or decrypt with this key');
  await disableDialog.getByRole('button', { name: 'Disable key' }).click();
  await expect(disableDialog).toBeHidden();
  await expect(title).toContainText('Disabled');
  await expect(page.getByText('Enable the key to rotate it or change its rotation.')).toBeVisible();
  await page.getByRole('link', { name: '← Keys' }).click();
  await expect(page.getByTestId(`key-state-${keyId}`)).toHaveText('Disabled');

  // Enable again, rotate now, and turn automatic rotation on.
  await list.getByRole('link', { name: ALIAS }).click();
  await page.getByRole('button', { name: 'Enable key' }).click();
  await expect(title).toContainText('Enabled');
  await page.getByRole('button', { name: 'Rotate now' }).click();
  const rotateDialog = page.getByRole('dialog', { name: 'Rotate this key now?' });
  await rotateDialog.getByRole('button', { name: 'Rotate now' }).click();
  await expect(rotateDialog).toBeHidden();
  await expect(page.getByTestId('key-current-version')).toHaveText('2');
  const versions = page.getByRole('table', { name: 'Key material versions' });
  await expect(versions.getByRole('row')).toHaveCount(3);
  await expect(versions).toContainText('Rotated on demand');
  await expect(versions).toContainText('Decrypt only');
  const rotation = page.getByRole('form', { name: 'Automatic rotation' });
  await rotation.getByLabel('Rotate automatically').check();
  await rotation.getByLabel('Rotation period in days').fill('180');
  await rotation.getByRole('button', { name: 'Save rotation' }).click();
  await expect(page.getByTestId('key-rotation')).toHaveText('Every 180 days');

  // A reserved alias is refused in words.
  const addAlias = page.getByRole('form', { name: 'Add alias' });
  await addAlias.getByLabel('New alias').fill('aws/mine');
  await addAlias.getByRole('button', { name: 'Add alias' }).click();
  await expect(addAlias.getByRole('alert')).toContainText('reserved for AWS managed keys');
  await addAlias.getByLabel('New alias').fill('e2e-payments-v2');
  await addAlias.getByRole('button', { name: 'Add alias' }).click();
  await expect(page.getByRole('list', { name: 'Key aliases' })).toContainText('alias/e2e-payments-v2');

  // Schedule deletion with a 7-day wait, then cancel it: the key comes back Disabled, as in KMS.
  await page.getByRole('button', { name: 'Schedule key deletion' }).click();
  const deletionDialog = page.getByRole('dialog', { name: `Schedule deletion of key ${ALIAS}?` });
  await deletionDialog.getByLabel('Waiting period (days)').fill('7');
  await deletionDialog.getByRole('button', { name: 'Schedule deletion' }).click();
  await expect(deletionDialog).toBeHidden();
  await expect(title).toContainText('Pending deletion');
  const notice = page.getByRole('status').filter({ hasText: 'This key will be deleted on' });
  await expect(notice).toBeVisible();
  const deletionDate = new Date(Date.now() + 7 * 86_400_000).toLocaleDateString('en-GB', { dateStyle: 'medium' });
  await expect(page.getByTestId('key-deletion-date')).toContainText(deletionDate);
  await expect(page.getByRole('button', { name: 'Disable key' })).toBeHidden();
  await screenshot(page, 'key-pending-deletion.png');
  await page.getByRole('link', { name: '← Keys' }).click();
  await expect(page.getByTestId(`key-state-${keyId}`)).toHaveText('Pending deletion');

  await list.getByRole('link', { name: ALIAS }).click();
  await page.getByRole('button', { name: 'Cancel key deletion' }).click();
  await expect(title).toContainText('Disabled');
  await expect(notice).toBeHidden();
  await screenshot(page, 'key-detail.png');
});

test('the AWS managed key offers no changes', async ({ adminPage: page }) => {
  await page.goto('/keys');
  await page.getByRole('table', { name: 'Keys' }).getByRole('link', { name: 'alias/aws/ssm' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /alias\/aws\/ssm/ })).toContainText('AWS managed');
  await expect(page.getByText('it rotates every year and cannot be disabled')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Disable key' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Schedule key deletion' })).toBeHidden();
  await expect(page.getByRole('form', { name: 'Add alias' })).toBeHidden();
  await expect(page.getByTestId('key-rotation')).toHaveText('Every 365 days');
  // The server refuses anyway, in words.
  const keyId = page.url().split('/').at(-1)!;
  const refused = await page.request.post(`/api/keys/${keyId}/disable`);
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ __type: 'AccessDeniedException', message: expect.stringContaining('AWS managed key') });
  await screenshot(page, 'key-aws-managed.png');
});
