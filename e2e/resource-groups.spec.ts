import { Agent } from '../agent/agent';
import { collectMetadata } from '../agent/metadata';
import { test, expect, screenshot } from './fixtures';
import { newStateDir } from './support/agents';

test('create a tag-based group, watch a new node join it live, make it static, delete it', async ({ adminPage: page, baseURL }) => {
  const created = await page.request.post('/api/activations', { data: { description: 'resource groups', registrationLimit: 5 } });
  expect(created.ok(), await created.text()).toBe(true);
  const activation = (await created.json()) as { activationId: string; activationCode: string };
  const register = async (name: string, tags: Record<string, string>) =>
    (await Agent.register({ serverUrl: baseURL!, ...activation, stateDir: newStateDir(), name, tags, metadata: collectMetadata() })).nodeId;
  const first = await register('rg-web-1', { Tier: 'rg-web', Stage: 'blue' });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Resource Groups' }).click();
  await expect(page.getByRole('heading', { name: 'Resource Groups', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Create resource group' }).click();
  const form = page.getByRole('form', { name: 'Create resource group' });
  await form.getByLabel('Group name').fill('rg-web');
  await form.getByLabel('Description').fill('web tier, blue and green');
  await form.getByLabel('Tag key 1', { exact: true }).fill('Tier');
  await form.getByLabel('Values of tag key 1', { exact: true }).fill('rg-web');
  await form.getByRole('button', { name: 'Add tag key' }).click();
  await form.getByLabel('Tag key 2', { exact: true }).fill('Stage');
  await form.getByLabel('Values of tag key 2', { exact: true }).fill('blue, green');
  await screenshot(page, 'resource-group-create.png');
  await form.getByRole('button', { name: 'Create group' }).click();

  await expect(page).toHaveURL(/\/resource-groups\/rg-web$/);
  await expect(page.getByRole('heading', { name: /rg-web/ })).toBeVisible();
  const members = page.getByRole('table', { name: 'Group members' });
  await expect(members.getByRole('link', { name: first })).toBeVisible();
  await expect(page.getByTestId('group-member-count')).toHaveText('1');

  // A node registering with matching tags joins while we watch.
  const second = await register('rg-web-2', { Tier: 'rg-web', Stage: 'green' });
  await expect(members.getByRole('link', { name: second })).toBeVisible();
  await expect(page.getByTestId('group-member-count')).toHaveText('2');
  await screenshot(page, 'resource-group-detail.png');

  // A node that lacks one of the keys is not a member.
  await register('rg-web-3', { Tier: 'rg-web' });
  await page.getByRole('link', { name: '← Resource groups' }).click();
  await expect(page.getByTestId('member-count-rg-web')).toHaveText('2');
  await screenshot(page, 'resource-groups.png');

  await page.getByRole('link', { name: 'rg-web' }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: 'Edit resource group rg-web' });
  await edit.getByLabel('Static').check();
  await edit.getByLabel('Node IDs').fill(`${second}\nmi-00000000000000000`);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByRole('alert')).toHaveText('node mi-00000000000000000 is not a managed node');
  await edit.getByLabel('Node IDs').fill(second!);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('list', { name: 'Listed node IDs' })).toContainText(second!);
  await expect(members.getByRole('link', { name: first })).toBeHidden();
  await expect(members.getByRole('link', { name: second })).toBeVisible();

  await page.getByRole('button', { name: 'Delete group' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete resource group rg-web?' });
  await dialog.getByRole('button', { name: 'Delete group' }).click();
  await expect(page).toHaveURL(/\/resource-groups$/);
  await expect(page.getByRole('link', { name: 'rg-web' })).toBeHidden();
});
