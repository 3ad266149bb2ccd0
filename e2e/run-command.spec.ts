import { startFleet, type Fleet } from '../bench/fleet/simulator';
import { test, expect, screenshot } from './fixtures';

const SCRIPT = 'for i in 1 2 3; do echo $i; sleep 1; done; uname -a';

let fleet: Fleet | undefined;

test.afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});

test('run a script on two nodes from the console: output arrives live, then success on both, results grouped', async ({ adminPage: page, baseURL }) => {
  // Two real agents (in this process, each with its own state dir and real child processes).
  const created = await page.request.post('/api/activations', { data: { description: 'run command e2e', registrationLimit: 2 } });
  expect(created.ok(), await created.text()).toBe(true);
  const activation = (await created.json()) as { activationId: string; activationCode: string };
  fleet = await startFleet({ serverUrl: baseURL!, ...activation, count: 2, namePrefix: 'rc-e2e', tags: { Team: 'rc-e2e' } });
  await fleet.online();
  const [first, second] = fleet.nodes.map((node) => node.nodeId) as [string, string];

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Run Command' }).click();
  await expect(page.getByRole('heading', { name: 'Run Command', level: 1 })).toBeVisible();
  // A fresh server has no commands yet (unless an earlier spec sent some).
  await expect(page.getByText('No commands yet').or(page.getByRole('table', { name: 'Commands' }))).toBeVisible();
  if (await page.getByText('No commands yet').isVisible()) await screenshot(page, 'run-command-empty.png');

  await page.getByRole('link', { name: 'Run a command' }).click();
  const form = page.getByRole('form', { name: 'Run a command' });
  await expect(form.getByRole('combobox', { name: 'Document', exact: true })).toHaveValue('AWS-RunShellScript');
  // Nothing filled in: the form says what is missing before anything is sent.
  await expect(form.getByLabel('commands')).toBeVisible();
  await form.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'commands is required' })).toBeVisible();
  await expect(form.getByRole('alert').filter({ hasText: 'Some parameters need attention' })).toBeVisible();
  await screenshot(page, 'run-command-form-errors.png');
  await form.getByLabel('commands').fill(SCRIPT);

  // A tag picks both nodes (the preview asks the server which nodes it selects now)...
  await form.getByRole('radio', { name: /Specify tags/ }).check();
  await form.getByLabel('Tag key 1', { exact: true }).fill('Team');
  await form.getByLabel('Values of tag key 1', { exact: true }).fill('rc-e2e');
  await expect(form.getByTestId('target-count')).toHaveText('2 nodes');
  // ...and so does choosing them by hand, which is what runs.
  await form.getByRole('radio', { name: /Choose nodes/ }).check();
  await form.getByLabel('Search nodes').fill('rc-e2e');
  await form.getByRole('checkbox', { name: new RegExp(first) }).check();
  await form.getByRole('checkbox', { name: new RegExp(second) }).check();
  await expect(form.getByTestId('target-count')).toHaveText('2 nodes');
  await form.getByLabel('Comment').fill('count to three');
  await screenshot(page, 'run-command-form.png');
  await form.getByRole('button', { name: 'Run', exact: true }).click();

  await expect(page).toHaveURL(/\/run-command\/[0-9a-f-]{36}$/);
  const status = page.getByTestId('command-status').locator('[data-status]');
  await page.getByRole('button', { name: `Show output of ${first}` }).click();
  const stdout = page.getByRole('region', { name: `Output of ${first}` }).getByRole('region', { name: 'Standard output' });
  // The first line shows while the script is still sleeping: streamed, not read at the end.
  await expect(stdout).toContainText('1', { timeout: 20_000 });
  await expect(status).toHaveAttribute('data-status', /^(Pending|InProgress)$/);
  await expect(stdout).not.toContainText('Linux');
  await expect(status).toHaveAttribute('data-status', 'InProgress');
  await screenshot(page, 'command-live.png');

  await expect(status).toHaveAttribute('data-status', 'Success', { timeout: 30_000 });
  await expect(stdout).toContainText('Linux');
  await expect(page.getByTestId('command-progress')).toHaveText('2/2');
  const results = page.getByRole('table', { name: 'Results' });
  await expect(results.locator('tbody > tr > td:nth-child(2) [data-status="Success"]')).toHaveCount(2);
  await screenshot(page, 'command-results.png');

  // Both nodes printed the same thing: one group of two.
  await page.getByRole('radio', { name: 'Grouped by output' }).click();
  await expect(page.getByTestId('group-title')).toHaveText(['2 nodes: 1']);
  await screenshot(page, 'command-groups.png');

  // The results as CSV, and the full output of one node as a file.
  const csv = await page.request.get(`${page.url().replace('/run-command/', '/api/commands/')}/export`);
  expect(csv.ok()).toBe(true);
  const csvText = await csv.text();
  expect(csvText.split('\r\n')[0]).toBe('Node ID,Node name,Status,Status details,Exit code,Started,Ended,Duration (s),Output (first 2500 characters)');
  expect(csvText).toContain(first);
  expect(csvText).toContain(second);
  const download = await page.request.get(`${page.url().replace('/run-command/', '/api/commands/')}/output?node=${first}&download=stdout`);
  expect(await download.text()).toMatch(/^1\n2\n3\nLinux /);

  await page.getByRole('link', { name: '← Run Command' }).click();
  const history = page.getByRole('table', { name: 'Commands' });
  const row = history.getByRole('row').filter({ hasText: 'count to three' });
  await expect(row).toContainText('2/2');
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'Success');
  await screenshot(page, 'run-command-history.png');

  // A node's page offers "Run command" with that node already chosen.
  await page.goto(`/fleet/${second}`);
  await page.getByRole('main').getByRole('link', { name: 'Run command', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/run-command/new\\?node=${second}$`));
  await expect(page.getByLabel('Chosen nodes')).toContainText(second);
  await expect(page.getByTestId('target-count')).toHaveText('1 node');
});
