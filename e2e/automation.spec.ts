import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { test as base, expect, screenshot, localNodeId } from './fixtures';

/**
 * `createRunbook` saves an Automation document for one test and deletes it afterwards, so later
 * specs (documents.spec counts "Owned by me") find the server as they expect it.
 */
const test = base.extend<{ createRunbook: (name: string, content: string) => Promise<void> }>({
  createRunbook: async ({ adminPage }, use) => {
    const created: string[] = [];
    await use(async (name, content) => {
      const response = await adminPage.request.post('/api/documents', { data: { name, documentType: 'Automation', documentFormat: 'YAML', content } });
      expect(response.ok(), await response.text()).toBe(true);
      created.push(name);
    });
    for (const name of created) await adminPage.request.delete(`/api/documents/${encodeURIComponent(name)}`);
  },
});

// A sysvinit service of our own for the runbook to restart: a `sleep` daemon with a pidfile,
// started detached by start-stop-daemon so it outlives the command that started it.
const SERVICE = 'opsdeck-e2e-demo';
const INIT_SCRIPT = `/etc/init.d/${SERVICE}`;
const PIDFILE = `/run/${SERVICE}.pid`;
const INIT_SCRIPT_TEXT = `#!/bin/sh
### BEGIN INIT INFO
# Provides:          ${SERVICE}
# Required-Start:
# Required-Stop:
# Default-Start:
# Default-Stop:
# Short-Description: Opsdeck e2e demo daemon (sleeps)
### END INIT INFO
PIDFILE=${PIDFILE}
is_running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
case "$1" in
  start)
    if is_running; then echo "${SERVICE} already running"; exit 0; fi
    start-stop-daemon --start --background --make-pidfile --pidfile "$PIDFILE" --exec /bin/sleep -- 1000
    echo "${SERVICE} started"
    ;;
  stop)
    if is_running; then kill "$(cat "$PIDFILE")"; fi
    rm -f "$PIDFILE"
    echo "${SERVICE} stopped"
    ;;
  restart)
    "$0" stop
    "$0" start
    ;;
  status)
    if is_running; then echo "${SERVICE} is running (pid $(cat "$PIDFILE"))"; exit 0; fi
    echo "${SERVICE} is not running"
    exit 3
    ;;
  *)
    echo "usage: $0 {start|stop|restart|status}" >&2
    exit 2
    ;;
esac
`;

const readPid = () => fs.readFileSync(PIDFILE, 'utf8').trim();

test.describe('a runbook with an approval', () => {
  test.beforeAll(() => {
    fs.writeFileSync(INIT_SCRIPT, INIT_SCRIPT_TEXT, { mode: 0o755 });
    execFileSync(INIT_SCRIPT, ['start']);
  });

  test.afterAll(() => {
    if (fs.existsSync(INIT_SCRIPT)) execFileSync(INIT_SCRIPT, ['stop']);
    fs.rmSync(INIT_SCRIPT, { force: true });
    fs.rmSync(PIDFILE, { force: true });
  });

  test('run Opsdeck-RestartService on the local node: it waits for approval, is approved, and every step ends green', async ({ adminPage: page }) => {
    const nodeId = await localNodeId(page);
    const pidBefore = readPid();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Automation' }).click();
    await expect(page.getByRole('heading', { name: 'Automation', level: 1 })).toBeVisible();
    // A fresh server has run nothing yet (unless an earlier spec did).
    await expect(page.getByText('No runbooks have run yet').or(page.getByRole('table', { name: 'Executions' }))).toBeVisible();
    if (await page.getByText('No runbooks have run yet').isVisible()) await screenshot(page, 'automation-empty.png');

    await page.getByRole('link', { name: 'Run a runbook' }).first().click();
    const form = page.getByRole('form', { name: 'Run a runbook' });
    await form.getByRole('combobox', { name: 'Runbook', exact: true }).selectOption('Opsdeck-RestartService');
    await form.getByLabel('InstanceId').fill(nodeId);
    await form.getByLabel('ServiceName').fill(SERVICE);
    await form.getByLabel('Approvers').fill('admin');
    // The runbook's graph beside the form: its steps, and the branch that skips the approval.
    const graph = page.getByRole('figure', { name: 'Runbook graph' });
    for (const step of ['checkService', 'needsApproval', 'approve', 'restart', 'verify']) await expect(graph.locator(`g[data-step="${step}"]`)).toBeVisible();
    await expect(graph.locator('path[data-edge="branch"]')).not.toHaveCount(0);
    await screenshot(page, 'automation-start-form.png');
    await form.getByRole('button', { name: 'Execute' }).click();

    await expect(page).toHaveURL(/\/automation\/[0-9a-f-]{36}$/);
    const status = page.getByTestId('execution-status').locator('[data-status]');
    const timeline = page.getByRole('list', { name: 'Step timeline' });
    const approveStep = timeline.locator('li[data-step="approve"]');
    // The service is found on the node (a real command), then the runbook waits for a person.
    await expect(approveStep).toHaveAttribute('data-status', 'Waiting', { timeout: 60_000 });
    await expect(timeline.locator('li[data-step="checkService"]')).toHaveAttribute('data-status', 'Success');
    await expect(status).toHaveAttribute('data-status', /^(InProgress|Waiting)$/);
    await expect(approveStep.getByTestId('step-waiting')).toHaveText('Waiting for approval');
    await expect(page.getByRole('figure', { name: 'Runbook graph' }).locator('g[data-step="approve"]')).toHaveAttribute('data-status', 'Waiting');
    // Nothing was restarted before the approval.
    expect(readPid()).toBe(pidBefore);
    await screenshot(page, 'automation-waiting-approval.png');

    await approveStep.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve step approve?' });
    await dialog.getByLabel('Comment').fill('e2e: go ahead');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect(dialog).toBeHidden();

    await expect(status).toHaveAttribute('data-status', 'Success', { timeout: 90_000 });
    const steps = timeline.locator(':scope > li');
    await expect(steps).toHaveCount(5);
    for (const step of ['checkService', 'needsApproval', 'approve', 'restart', 'verify']) {
      await expect(timeline.locator(`li[data-step="${step}"]`)).toHaveAttribute('data-status', 'Success');
      await expect(page.getByRole('figure', { name: 'Runbook graph' }).locator(`g[data-step="${step}"]`)).toHaveAttribute('data-status', 'Success');
    }
    await expect(page.getByTestId('execution-progress')).toHaveText('5/5');
    await expect(approveStep.getByRole('list', { name: 'Approver decisions' })).toContainText('Approved');
    await expect(approveStep.getByRole('list', { name: 'Approver decisions' })).toContainText('by admin');
    await expect(approveStep.getByRole('list', { name: 'Approver decisions' })).toContainText('e2e: go ahead');
    // The restart ran on the node: a new daemon, from a command the step links to.
    const restartStep = timeline.locator('li[data-step="restart"]');
    await expect(restartStep.getByRole('link', { name: /^[0-9a-f]{8}$/ })).toHaveAttribute('href', /^\/run-command\/[0-9a-f-]{36}$/);
    expect(readPid()).not.toBe(pidBefore);
    execFileSync(INIT_SCRIPT, ['status']);
    await expect(page.getByRole('region', { name: 'Outputs' })).toContainText(`restarted ${SERVICE}`);
    await screenshot(page, 'automation-success.png');

    // Inputs are folded JSON; the list shows the run done, with its runbook and who ran it.
    await restartStep.getByText('Inputs').click();
    await expect(restartStep).toContainText('AWS-RunShellScript');
    const executionId = page.url().split('/').at(-1)!;
    await page.getByRole('link', { name: '← Automation' }).click();
    const row = page.getByRole('table', { name: 'Executions' }).locator(`tr[data-execution="${executionId}"]`);
    await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'Success');
    await expect(row).toContainText('Opsdeck-RestartService');
    await expect(row).toContainText('admin');
    await page.getByRole('combobox', { name: 'Status' }).selectOption('Failed');
    await expect(page).toHaveURL(/status=Failed/);
    await expect(row).toBeHidden();
    await page.getByRole('combobox', { name: 'Status' }).selectOption('Success');
    await expect(row).toBeVisible();
    await screenshot(page, 'automation-list.png');
  });

});

const GREET_RUNBOOK = `schemaVersion: '0.3'
description: Says hello on a node
parameters:
  InstanceId:
    type: String
    description: The node that says hello
mainSteps:
  - name: greet
    action: aws:runCommand
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds:
        - '{{ InstanceId }}'
      Parameters:
        commands:
          - echo hello from $(hostname)
outputs:
  - greet.Output
`;

test('run a runbook over targets with rate control: one child execution per node, each with its status, under its parent', async ({ adminPage: page, createRunbook }) => {
  const nodeId = await localNodeId(page);
  await createRunbook('E2E-Greet', GREET_RUNBOOK);

  // The document's page draws the runbook beside its content, and offers to run it.
  await page.goto('/documents/E2E-Greet');
  await expect(page.getByRole('figure', { name: 'Runbook graph' }).locator('g[data-step="greet"]')).toBeVisible();
  await page.getByRole('link', { name: 'Execute automation' }).click();
  await expect(page).toHaveURL(/\/automation\/new\?document=E2E-Greet$/);
  const form = page.getByRole('form', { name: 'Run a runbook' });
  await expect(form.getByLabel('InstanceId', { exact: true })).toBeVisible();
  await form.getByRole('checkbox', { name: /Run over many targets/ }).check();
  // The node id goes in InstanceId for each child, so the form no longer asks for it.
  await expect(form.getByLabel('Target parameter')).toHaveValue('InstanceId');
  await expect(form.getByLabel('InstanceId', { exact: true })).toHaveCount(0);
  await expect(form.getByRole('radio', { name: /Manual execution/ })).toBeDisabled();
  await form.getByLabel('Search nodes').fill(nodeId);
  await form.getByRole('checkbox', { name: new RegExp(nodeId) }).check();
  await expect(form.getByTestId('target-count')).toHaveText('1 node');
  await screenshot(page, 'automation-rate-control-form.png');
  await form.getByRole('button', { name: 'Execute' }).click();

  await expect(page).toHaveURL(/\/automation\/[0-9a-f-]{36}$/);
  const parentId = page.url().split('/').at(-1)!;
  await expect(page.getByTestId('execution-status').locator('[data-status]')).toHaveAttribute('data-status', 'Success', { timeout: 90_000 });
  const child = page.getByRole('table', { name: 'Child executions' }).getByRole('row').filter({ hasText: nodeId });
  await expect(child.locator('[data-status]')).toHaveAttribute('data-status', 'Success');
  await screenshot(page, 'automation-rate-control.png');

  // The child's own page: its target, its parent, its step.
  await child.getByRole('link').click();
  await expect(page.getByRole('region', { name: 'Progress' })).toContainText(nodeId);
  await expect(page.getByRole('list', { name: 'Step timeline' }).locator('li[data-step="greet"]')).toHaveAttribute('data-status', 'Success');
  await expect(page.getByRole('region', { name: 'Outputs' })).toContainText('hello from');

  // In the list the parent opens to show its child; the parent filter lists only its children.
  await page.goto('/automation');
  const list = page.getByRole('table', { name: 'Executions' });
  const parentRow = list.locator(`tr[data-execution="${parentId}"]`);
  await parentRow.getByRole('button', { name: /Child executions/ }).click();
  await expect(list.locator(`tr[data-parent="${parentId}"]`)).toContainText(nodeId);
  await page.goto(`/automation?parent=${parentId}`);
  await expect(page.getByRole('region', { name: /^Child executions of/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Executions' }).getByRole('row')).toHaveCount(2);
  await screenshot(page, 'automation-children.png');
});

const PAUSE_FAIL_RUNBOOK = `schemaVersion: '0.3'
description: Pauses, then runs a check that fails
parameters:
  Fail:
    type: String
    default: 'yes'
mainSteps:
  - name: hold
    action: aws:pause
    inputs: {}
  - name: check
    action: aws:executeScript
    inputs:
      Runtime: nodejs20.x
      Handler: handler
      Script: "function handler(e) { if (e.fail === 'yes') throw new Error('the check failed on purpose'); return { ok: true }; }"
      InputPayload:
        fail: '{{ Fail }}'
  - name: after
    action: aws:sleep
    inputs:
      Duration: PT1S
`;

test('resume a paused runbook, read why a step failed, re-run from it; start steps by hand and stop', async ({ adminPage: page, createRunbook }) => {
  await createRunbook('E2E-Pause-Fail', PAUSE_FAIL_RUNBOOK);

  await page.goto('/automation/new?document=E2E-Pause-Fail');
  const form = page.getByRole('form', { name: 'Run a runbook' });
  await expect(form.getByLabel('Fail')).toHaveValue('yes');
  await form.getByRole('button', { name: 'Execute' }).click();
  await expect(page).toHaveURL(/\/automation\/[0-9a-f-]{36}$/);
  const firstId = page.url().split('/').at(-1)!;
  const timeline = page.getByRole('list', { name: 'Step timeline' });
  const hold = timeline.locator('li[data-step="hold"]');
  await expect(hold).toHaveAttribute('data-status', 'Waiting', { timeout: 30_000 });
  await expect(hold.getByTestId('step-waiting')).toHaveText('Paused: waiting for Resume');
  await hold.getByRole('button', { name: 'Resume' }).click();

  // The script's error, in words, on the step and on the execution.
  const status = page.getByTestId('execution-status').locator('[data-status]');
  await expect(status).toHaveAttribute('data-status', 'Failed', { timeout: 30_000 });
  const check = timeline.locator('li[data-step="check"]');
  await expect(check).toHaveAttribute('data-status', 'Failed');
  await expect(check.getByRole('alert')).toContainText('the check failed on purpose');
  await expect(page.getByTestId('execution-failure')).toBeVisible();
  await expect(timeline.locator('li[data-step="after"]')).toHaveCount(0);
  await expect(page.getByRole('figure', { name: 'Runbook graph' }).locator('g[data-step="check"]')).toHaveAttribute('data-status', 'Failed');
  await screenshot(page, 'automation-failed.png');

  await page.getByRole('button', { name: 'Re-run from failed step' }).click();
  await page.getByRole('dialog', { name: 'Re-run from check?' }).getByRole('button', { name: 'Re-run' }).click();
  await expect(page).toHaveURL(/\/automation\/[0-9a-f-]{36}$/);
  await expect(page).not.toHaveURL(new RegExp(firstId));
  // The new execution starts at the failed step: no pause this time.
  await expect(timeline.locator('li[data-step="check"]')).toHaveAttribute('data-status', 'Failed', { timeout: 30_000 });
  await expect(timeline.locator('li[data-step="hold"]')).toHaveCount(0);

  // Manual execution: nothing runs until a step is started; then stop it while it waits.
  await page.goto('/automation/new?document=E2E-Pause-Fail');
  await form.getByRole('radio', { name: /Manual execution/ }).check();
  await form.getByRole('button', { name: 'Execute' }).click();
  await expect(page).toHaveURL(/\/automation\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('combobox', { name: 'Step to start' })).toHaveValue('hold');
  await page.getByRole('button', { name: 'Start step' }).click();
  await expect(timeline.locator('li[data-step="hold"]')).toHaveAttribute('data-status', 'Waiting', { timeout: 30_000 });
  // Nothing else can start while the paused step holds the execution.
  await expect(page.getByRole('button', { name: 'Start step' })).toBeDisabled();
  await screenshot(page, 'automation-interactive.png');
  await page.getByRole('button', { name: 'Stop execution' }).click();
  await page.getByRole('dialog', { name: 'Stop this execution?' }).getByRole('button', { name: 'Stop execution' }).click();
  await expect(status).toHaveAttribute('data-status', 'Cancelled', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Stop execution' })).toHaveCount(0);
});

const RUNBOOK = `schemaVersion: '0.3'
description: Checks a node, then restarts its service on every host
parameters:
  InstanceId:
    type: String
    description: The node to work on
  Mode:
    type: String
    default: restart
mainSteps:
  - name: choose
    action: aws:branch
    inputs:
      Choices:
        - NextStep: restartAll
          Variable: '{{ Mode }}'
          StringEquals: restart
      Default: report
  - name: restartAll
    action: aws:loop
    onFailure: step:report
    inputs:
      Iterators:
        - web
        - api
      Steps:
        - name: restartOne
          action: aws:runCommand
          inputs:
            DocumentName: AWS-RunShellScript
            InstanceIds:
              - '{{ InstanceId }}'
            Parameters:
              commands:
                - echo {{ Undeclared }}
  - name: report
    action: aws:frobnicate
    isEnd: true
`;

test('an Automation document shows its graph beside the editor, and a dry run lists an unknown action and an undeclared parameter', async ({ adminPage: page }) => {
  await page.goto('/documents/new');
  const form = page.getByRole('form', { name: 'Create document' });
  await form.getByLabel('Name', { exact: true }).fill('E2E-Runbook-Graph');
  await form.getByLabel('Document type').selectOption('Automation');
  const editor = form.getByRole('textbox', { name: 'Document content' });
  await editor.fill(RUNBOOK);

  // The graph follows the text: every step, the branch's labelled choice, the loop's body framed,
  // the failure path dashed red, and the step whose action Opsdeck does not know.
  const graph = form.getByRole('figure', { name: 'Runbook graph' });
  for (const step of ['choose', 'restartAll', 'restartOne', 'report']) await expect(graph.locator(`g[data-step="${step}"]`)).toBeVisible();
  await expect(graph.locator('path[data-edge="branch"]')).not.toHaveCount(0);
  await expect(graph.locator('path[data-edge="failure"]')).toHaveAttribute('stroke', '#ef4444');
  await expect(graph.locator('path[data-edge="loop-body"]')).toHaveCount(1);
  await expect(graph.locator('[data-loop="restartAll"]')).toBeVisible();
  await expect(graph.locator('g[data-step="report"]')).toContainText('(unknown)');
  // Edits redraw it.
  await editor.fill(RUNBOOK.replace('name: report', 'name: summary').replace('Default: report', 'Default: summary').replace('step:report', 'step:summary'));
  await expect(graph.locator('g[data-step="summary"]')).toBeVisible();
  await expect(graph.locator('g[data-step="report"]')).toHaveCount(0);

  await form.getByLabel('Dry-run parameters').fill('{ "InstanceId": "mi-0123456789abcdef0" }');
  await form.getByRole('button', { name: 'Dry run' }).click();
  const issues = form.getByRole('list', { name: 'Dry run issues' });
  await expect(issues).toContainText('aws:frobnicate');
  await expect(issues).toContainText('Undeclared');
  await expect(issues.locator('[data-severity="error"]')).not.toHaveCount(0);
  await expect(form.getByRole('status', { name: 'Dry run result' })).toContainText('it would not start');
  await screenshot(page, 'automation-editor-graph.png');

  // An issue with a line puts the editor's cursor there.
  await issues.getByRole('button').filter({ hasText: 'aws:frobnicate' }).first().click();
  await expect(form.locator('.cm-activeLine')).toContainText('aws:frobnicate');
});
