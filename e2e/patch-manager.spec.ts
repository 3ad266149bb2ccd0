import fs from 'node:fs';
import path from 'node:path';
import { E2E_APT_DIR } from '../playwright.config';
import { createAptRepo, type AptRepo } from './support/apt-repo';
import { test, expect, localNodeId, screenshot } from './fixtures';

const monthAgo = new Date(Date.now() - 30 * 86_400_000);
const APT_CONF = path.join(E2E_APT_DIR, 'apt.conf');

let repo: AptRepo | undefined;

test.afterEach(() => {
  // Back to the system's apt for the specs after this one, and the demo package purged.
  fs.writeFileSync(APT_CONF, '');
  repo?.cleanup();
  repo = undefined;
});

test('scan the local node, see it non-compliant, patch it now and watch it become compliant', async ({ adminPage: page }) => {
  test.setTimeout(240_000);
  repo = createAptRepo({
    packages: [
      { name: 'opsdeck-demo', version: '1.0', pocket: 'main', releaseDate: monthAgo },
      { name: 'opsdeck-demo', version: '1.1', pocket: 'security', releaseDate: monthAgo },
    ],
  });
  repo.installDirect('opsdeck-demo', '1.0');
  // The server's local agent reads this fixed file (playwright.config.ts); it now pulls in the test repository's apt setup.
  fs.writeFileSync(APT_CONF, `#include "${repo.env.APT_CONFIG}";\n`);

  // Earlier specs register nodes of their own; the local agent is the one whose apt is set up here.
  const nodeId = await localNodeId(page);
  const listed = await page.request.get('/api/patch-manager/nodes?pageSize=100');
  expect(listed.ok(), await listed.text()).toBe(true);
  const node = ((await listed.json()) as { nodes: { nodeId: string; name: string }[] }).nodes.find((candidate) => candidate.nodeId === nodeId);
  expect(node, 'the local agent is listed in Patch Manager').toBeDefined();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patch Manager' }).click();
  await expect(page.getByRole('heading', { name: 'Patch Manager', level: 1 })).toBeVisible();
  const row = page.getByRole('table', { name: 'Nodes' }).getByRole('row').filter({ hasText: node!.nodeId });
  await expect(row.getByText('Not scanned')).toBeVisible();
  await screenshot(page, 'patch-manager-never-scanned.png');

  // Scan: the security update in the test repository is approved by the Debian default baseline and missing.
  await row.getByRole('checkbox', { name: `Select ${node!.name}` }).check();
  await page.getByRole('button', { name: 'Patch now (1)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Patch now' });
  await expect(dialog.getByRole('radio', { name: /Scan/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Scan now' }).click();
  const started = page.getByRole('dialog', { name: 'Patching started' });
  await expect(started.getByRole('link', { name: /^[0-9a-f-]{36}$/ })).toHaveAttribute('href', /^\/run-command\//);
  await started.getByRole('button', { name: 'Done' }).click();
  await expect(row.getByText('Non-compliant')).toBeVisible({ timeout: 90_000 });
  await expect(row.getByText('Scan', { exact: true })).toBeVisible();
  await screenshot(page, 'patch-manager-non-compliant.png');

  // Install with no reboot: the node becomes compliant and dpkg has the new version.
  await row.getByRole('checkbox', { name: `Select ${node!.name}` }).check();
  await page.getByRole('button', { name: 'Patch now (1)' }).click();
  await dialog.getByRole('radio', { name: /Install/ }).check();
  await dialog.getByRole('radio', { name: /No reboot/ }).check();
  await dialog.getByRole('button', { name: 'Install now' }).click();
  await expect(started).toBeVisible();
  await screenshot(page, 'patch-manager-patch-now.png');
  await started.getByRole('button', { name: 'Done' }).click();
  await expect(row.getByText('Compliant', { exact: true })).toBeVisible({ timeout: 120_000 });
  expect(repo.isInstalled('opsdeck-demo')).toBe('1.1');
  await screenshot(page, 'patch-manager-compliant.png');

  await row.getByRole('link', { name: node!.name }).click();
  const patches = page.getByRole('table', { name: 'Patches' });
  await expect(patches.getByRole('row').filter({ hasText: 'opsdeck-demo' }).getByText('Installed', { exact: true })).toBeVisible();
  await screenshot(page, 'patch-manager-node.png');

  // The baselines: the predefined Debian one is the default, and it selected what was installed.
  await page.getByRole('navigation', { name: 'Patch Manager' }).getByRole('link', { name: 'Patch baselines' }).click();
  const debian = page.getByRole('table', { name: 'Patch baselines' }).getByRole('row').filter({ hasText: 'AWS-DebianDefaultPatchBaseline' });
  await expect(debian.getByText('Default', { exact: true })).toBeVisible();
  await screenshot(page, 'patch-manager-baselines.png');
  await debian.getByRole('link', { name: 'AWS-DebianDefaultPatchBaseline' }).click();
  await expect(page.getByText('Predefined, read-only')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Effective patches' }).getByRole('row').filter({ hasText: 'opsdeck-demo' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await screenshot(page, 'patch-manager-baseline.png');

  // A predefined baseline is read-only; a copy of it is the operator's own to change.
  await page.getByRole('link', { name: 'Copy to new baseline' }).click();
  const name = page.getByLabel('Name', { exact: true });
  await expect(name).toHaveValue('DebianDefaultPatchBaseline-copy');
  await expect(page.getByRole('group', { name: 'Rule 1', exact: true })).toBeVisible();
  const copyName = `debian-security-${Date.now()}`;
  await name.fill(copyName);
  await page.getByRole('button', { name: 'Create patch baseline' }).click();
  await expect(page.getByRole('heading', { name: copyName })).toBeVisible();
  await expect(page.getByText('approved 7 days after release')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit' })).toBeVisible();

  await page.goto('/patch-manager/baselines');
  await expect(page.getByRole('table', { name: 'Patch baselines' }).getByRole('link', { name: copyName })).toBeVisible();
  await page.getByRole('link', { name: 'Create patch baseline' }).click();
  await expect(page.getByRole('group', { name: 'Rule 1', exact: true })).toBeVisible();
  await screenshot(page, 'patch-manager-new-baseline.png');
});
