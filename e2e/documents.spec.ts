import { test, expect, screenshot } from './fixtures';

const NAME = 'E2E-Restart-Service';

const V1 = `schemaVersion: '2.2'
description: Restart a service
parameters:
  service:
    type: String
    description: The systemd unit to restart
    default: nginx
    allowedPattern: '^[a-z0-9@._-]+$'
  mode:
    type: String
    default: restart
    allowedValues:
      - restart
      - reload
mainSteps:
  - action: aws:runShellScript
    name: restart
    inputs:
      runCommand:
        - systemctl {{ mode }} {{ service }}
`;

// A step whose runCommand is a number, not a list of commands.
const BROKEN = V1.replace('      runCommand:\n        - systemctl {{ mode }} {{ service }}', '      runCommand: 42');
const V2 = V1.replace('systemctl {{ mode }} {{ service }}', 'systemctl reload-or-restart {{ service }}');

test('write a YAML Command document, fix an inline error, version it, compare versions and set the default', async ({ adminPage: page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Documents' }).click();
  await expect(page.getByRole('heading', { name: 'Documents', level: 1 })).toBeVisible();
  const list = page.getByRole('table', { name: 'Documents' });
  await expect(list.getByRole('link', { name: 'AWS-RunShellScript' })).toBeVisible();
  await screenshot(page, 'documents.png');

  // Owned by me: nothing yet, and the page says so.
  await page.getByRole('radio', { name: 'Owned by me' }).click();
  await expect(page.getByText('You have not created any documents yet')).toBeVisible();
  await expect(page).toHaveURL(/owner=Self/);
  await screenshot(page, 'documents-empty.png');

  await page.getByRole('link', { name: 'Create document' }).click();
  const form = page.getByRole('form', { name: 'Create document' });
  await form.getByLabel('Name', { exact: true }).fill(NAME);
  const editor = form.getByRole('textbox', { name: 'Document content' });
  await editor.fill(BROKEN);
  // The server's check comes back inline (marked in the editor) and in words below it.
  const issues = form.getByRole('list', { name: 'Document issues' });
  await expect(issues).toContainText('mainSteps[0].inputs.runCommand');
  await expect(issues).toContainText('Line 19');
  await expect(form.locator('.cm-lintRange-error')).not.toHaveCount(0);
  await screenshot(page, 'document-editor-error.png');

  await editor.fill(V1);
  await expect(form.getByRole('status', { name: 'Document check' })).toHaveText('No issues found.');
  // The form Run Command will generate: a text box with its default, a select of the allowed values.
  const preview = form.getByRole('region', { name: 'Parameters preview' });
  await expect(preview.getByLabel('service')).toHaveValue('nginx');
  await expect(preview.getByLabel('mode')).toHaveValue('restart');
  await preview.getByLabel('service').fill('nginx; reboot');
  await expect(preview.getByRole('alert')).toContainText('does not match the allowed pattern');
  await screenshot(page, 'document-editor.png');

  await form.getByRole('button', { name: 'Create document' }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${NAME}$`));
  await expect(page.getByRole('heading', { name: new RegExp(NAME) })).toBeVisible();
  await expect(page.getByLabel(`Content of ${NAME} version 1`)).toContainText('systemctl {{ mode }} {{ service }}');
  await page.getByRole('tab', { name: 'Parameters' }).click();
  await expect(page.getByRole('table', { name: 'Parameters' })).toContainText('restart, reload');

  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('form', { name: `Edit document ${NAME}` });
  await edit.getByRole('textbox', { name: 'Document content' }).fill(V2);
  await expect(edit.getByRole('status', { name: 'Document check' })).toHaveText('No issues found.');
  await edit.getByRole('button', { name: 'Save new version' }).click();

  await expect(page).toHaveURL(/tab=versions/);
  const versions = page.getByRole('table', { name: 'Versions' });
  await expect(versions.getByRole('row')).toHaveCount(3);
  await expect(versions.getByRole('row').nth(2)).toContainText('Default');

  await page.getByRole('form', { name: 'Compare versions' }).getByRole('button', { name: 'Compare' }).click();
  const diff = page.getByRole('figure', { name: 'Differences between version 1 and version 2' });
  await expect(diff.locator('[data-diff="removed"]')).toContainText('systemctl {{ mode }} {{ service }}');
  await expect(diff.locator('[data-diff="added"]')).toContainText('systemctl reload-or-restart {{ service }}');
  await expect(diff).toContainText('+1 added');

  await versions.getByRole('button', { name: 'Set version 2 as default' }).click();
  await expect(versions.getByRole('row').nth(1)).toContainText('Default');
  await expect(versions.getByRole('button', { name: 'Set version 1 as default' })).toBeVisible();
  await expect(page.getByText('default version 2 of 2')).toBeVisible();
  await screenshot(page, 'document-versions.png');

  // Built-in documents say why they cannot be changed, and offer no Edit or Delete.
  await page.goto('/documents/AWS-RunShellScript');
  await expect(page.getByRole('note')).toContainText('Built-in documents are read-only');
  await expect(page.getByRole('link', { name: 'Edit', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await screenshot(page, 'document-builtin.png');

  await page.goto(`/documents/${NAME}`);
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete document ${NAME}?` });
  await dialog.getByRole('textbox').fill(NAME);
  await dialog.getByRole('button', { name: 'Delete document' }).click();
  await expect(page).toHaveURL(/\/documents$/);
  await expect(page.getByRole('link', { name: NAME })).toHaveCount(0);
});
