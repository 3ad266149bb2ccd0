import { test, expect, signIn, createUserViaApi, screenshot } from './fixtures';
import { newStateDir, registerAgentProcess, startAgentProcess } from './support/agents';

const OPERATOR = 'operator1';
const OPERATOR_PASSWORD = 'operator1-password';

interface NodeRow {
  nodeId: string;
  name: string;
  tags: Record<string, string>;
}

test('an operator with SessionOperator sees the fleet, sessions only on dev nodes, and nothing else', async ({ adminPage: page, browser, baseURL }) => {
  // The admin creates the user and attaches the built-in policy, all through the console.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/users$/);
  await page.getByRole('button', { name: 'Create user' }).click();
  const createForm = page.getByRole('form', { name: 'Create user' });
  await createForm.getByLabel('User name').fill(OPERATOR);
  await createForm.getByLabel('Console password').fill(OPERATOR_PASSWORD);
  await createForm.getByLabel('Confirm password').fill(OPERATOR_PASSWORD);
  await createForm.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('status')).toContainText(`User ${OPERATOR} created`);

  const users = page.getByRole('table', { name: 'Users' });
  await expect(users).toBeVisible();
  await users.getByRole('link', { name: OPERATOR, exact: true }).click();
  await expect(page.getByRole('heading', { name: OPERATOR, exact: true })).toBeVisible();
  const policies = page.getByRole('region', { name: 'Permissions policies' });
  await policies.getByLabel('Attach a policy').selectOption('SessionOperator');
  await policies.getByRole('button', { name: 'Attach' }).click();
  await expect(policies.getByRole('list', { name: 'Attached policies' })).toContainText('SessionOperator');

  await page.getByRole('link', { name: '← Users' }).click();
  await expect(users.getByRole('row').filter({ hasText: OPERATOR })).toContainText('SessionOperator');
  await screenshot(page, 'settings-users.png');

  // Tags come from the activation: one node with Environment=dev, the local node with none.
  await page.getByRole('link', { name: 'Hybrid Activations' }).click();
  await page.getByRole('button', { name: 'Create activation' }).click();
  const activationForm = page.getByRole('form', { name: 'Create activation' });
  await activationForm.getByLabel('Description').fill('Dev nodes for operators');
  await activationForm.getByLabel('Tags for registered nodes').fill('Environment=dev');
  await activationForm.getByRole('button', { name: 'Create activation' }).click();
  const activationCode = (await page.getByTestId('activation-code').textContent())!;
  const activationId = (await page.getByTestId('activation-id').textContent())!;
  const stateDir = newStateDir();
  const registered = await registerAgentProcess({ serverUrl: baseURL!, activationCode, activationId, stateDir, name: 'e2e-dev-1' });
  expect(registered.code, registered.output).toBe(0);
  const agent = startAgentProcess(stateDir);

  const operatorContext = await browser.newContext({ baseURL });
  try {
    const nodes = ((await (await page.request.get('/api/nodes?pageSize=500')).json()) as { nodes: NodeRow[] }).nodes;
    const localNode = nodes.find((node) => Object.keys(node.tags).length === 0);
    expect(localNode, JSON.stringify(nodes)).toBeDefined();

    const operator = await operatorContext.newPage();
    await signIn(operator, OPERATOR_PASSWORD, OPERATOR);
    const nav = operator.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Fleet Manager' })).toBeVisible();
    await expect(nav).toHaveAttribute('aria-busy', 'false');
    for (const hidden of ['Hybrid Activations', 'Settings', 'Audit trail']) {
      await expect(nav.getByRole('link', { name: hidden, exact: true })).toHaveCount(0);
    }

    await nav.getByRole('link', { name: 'Fleet Manager' }).click();
    const fleet = operator.getByRole('table', { name: 'Managed nodes' });
    await expect(fleet.getByRole('link', { name: registered.nodeId! })).toBeVisible();
    await expect(fleet.getByRole('link', { name: localNode!.nodeId })).toBeVisible();
    await expect(operator.getByRole('button', { name: 'Deregister' })).toHaveCount(0);

    // The dev node: SessionOperator's condition on ssm:resourceTag/Environment holds.
    await fleet.getByRole('link', { name: registered.nodeId! }).click();
    await expect(operator.getByRole('heading', { name: /e2e-dev-1/ })).toBeVisible();
    const startSession = operator.getByRole('link', { name: 'Start session' });
    await expect(startSession).toBeVisible();
    await expect(startSession).toHaveAttribute('href', `/sessions/start?target=${registered.nodeId!}`);
    await expect(operator.getByRole('button', { name: 'Deregister' })).toHaveCount(0);
    await screenshot(operator, 'operator-node.png');

    // The untagged local node: no session offered, and still no Deregister.
    await operator.goto(`/fleet/${localNode!.nodeId}`);
    await expect(operator.getByRole('region', { name: 'Your access' })).toContainText('You may not start shell sessions here');
    await expect(operator.getByRole('link', { name: 'Start session' })).toHaveCount(0);
    await expect(operator.getByRole('button', { name: 'Deregister' })).toHaveCount(0);

    // Hiding is a courtesy; the server refuses anyway, in IAM's words.
    const denied = await operator.request.get('/api/iam/users');
    expect(denied.status()).toBe(400);
    const body = (await denied.json()) as { __type: string; message: string };
    expect(body.__type).toBe('AccessDeniedException');
    expect(body.message).toContain(`user/${OPERATOR} is not authorized to perform: iam:ListUsers`);
    await operator.goto('/settings/users');
    await expect(operator.getByRole('alert').filter({ hasText: 'not authorized' })).toContainText('is not authorized to perform: iam:ListUsers');
  } finally {
    await operatorContext.close();
    agent.child.kill('SIGKILL');
  }
});

test('the policy editor shows a JSON mistake at its line and column, and saves nothing', async ({ adminPage: page }) => {
  await page.goto('/settings/policies');
  await page.getByRole('link', { name: 'Create policy' }).click();
  const form = page.getByRole('form', { name: 'Create policy' });
  await form.getByLabel('Policy name').fill('FleetViewers');
  await form.getByLabel('Description').fill('See the fleet');
  const document = [
    '{',
    '  "Version": "2012-10-17",',
    '  "Statement": [',
    '    { "Effect": "Allow" "Action": "ssm:DescribeInstanceInformation", "Resource": "*" }',
    '  ]',
    '}',
  ].join('\n');
  const editor = form.getByLabel('Policy document (JSON)');
  await editor.fill(document);
  await form.getByRole('button', { name: 'Create policy' }).click();

  const problems = page.getByRole('alert', { name: 'Policy document errors' });
  await expect(problems).toContainText('line 4, column 25: expected a comma or closing brace');
  await expect(problems).toContainText('nothing was saved');
  const gutter = page.getByTestId('policy-gutter');
  await expect(gutter.locator('[data-error]')).toHaveCount(1);
  await expect(gutter.locator('[data-line="4"]')).toHaveAttribute('data-error', 'true');
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'policy-editor-error.png');

  const listed = (await (await page.request.get('/api/iam/policies')).json()) as { policies: { name: string }[] };
  expect(listed.policies.map((policy) => policy.name)).not.toContain('FleetViewers');

  // With the comma in place the same document is accepted.
  await editor.fill(document.replace('"Allow" "Action"', '"Allow", "Action"'));
  await form.getByRole('button', { name: 'Create policy' }).click();
  await expect(page).toHaveURL(/\/settings\/policies\/FleetViewers$/);
  await expect(page.getByRole('heading', { name: /FleetViewers/ })).toBeVisible();
  await expect(page.getByLabel('Policy document (JSON)')).toHaveValue(/"Action": "ssm:DescribeInstanceInformation"/);
});

test('the audit trail shows who created a user, filters by action, and exports what it shows', async ({ adminPage: page }) => {
  const username = `audited-${Date.now()}`;
  await createUserViaApi(page.request, username, 'audited-password-1');

  await page.getByRole('link', { name: 'Audit trail' }).click();
  const table = page.getByRole('table', { name: 'Audit events' });
  const row = table.getByRole('row').filter({ hasText: 'CreateUser' }).filter({ hasText: `user/${username}` });
  await expect(row).toContainText('admin');
  await expect(row).toContainText('Success');
  await row.getByRole('button', { name: /Details of CreateUser/ }).click();
  await expect(page.getByLabel('Request parameters')).toContainText(`"username": "${username}"`);
  await screenshot(page, 'audit.png');

  const filters = page.getByRole('form', { name: 'Filter events' });
  await filters.getByLabel('Action').fill('CreateUser');
  await filters.getByLabel('Result').selectOption('Success');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/action=CreateUser/);
  const shownActions = () => table.locator('tbody tr[data-action]').evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-action')))]);
  await expect.poll(shownActions).toEqual(['CreateUser']);
  await expect(row).toBeVisible();

  const exportLink = page.getByRole('link', { name: 'Export JSON lines' });
  const href = (await exportLink.getAttribute('href'))!;
  expect(href).toMatch(/^\/api\/audit\/export\?.*action=CreateUser/);
  const exported = await page.request.get(href);
  expect(exported.headers()['content-type']).toContain('application/x-ndjson');
  const lines = (await exported.text()).trim().split('\n').map((line) => JSON.parse(line) as { action: string; result: string; resources: string[] });
  expect(new Set(lines.map((line) => `${line.action}/${line.result}`))).toEqual(new Set(['CreateUser/Success']));
  expect(lines.some((line) => line.resources.some((arn) => arn.endsWith(`:user/${username}`)))).toBe(true);
});
