import fs from 'node:fs';
import os from 'node:os';
import type { Locator, Page } from '@playwright/test';
import { test, expect, screenshot, localNodeId } from './fixtures';

/** The rows xterm shows, as text (its DOM renderer draws one div per row, spaces as no-break spaces). */
async function screenLines(terminal: Locator): Promise<string[]> {
  return terminal.locator('.xterm-rows > div').evaluateAll((rows) => rows.map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()));
}

/** Waits until some row of the screen is exactly `line`. */
async function expectLine(terminal: Locator, line: string | RegExp, timeout = 15_000): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      async () => {
        found = (await screenLines(terminal)).find((text) => (typeof line === 'string' ? text.trim() === line : line.test(text.trim())));
        return found !== undefined;
      },
      { timeout, message: `a terminal row ${String(line)}` },
    )
    .toBe(true);
  return found!.trim();
}

/** `stty size` as the shell sees it now: "rows cols". */
async function sttySize(page: Page, terminal: Locator): Promise<string> {
  await page.keyboard.type('clear; stty size\n');
  // After `clear` the size is the only "<number> <number>" row.
  return expectLine(terminal, /^\d+ \d+$/);
}

test('a shell in the browser: start on the local node, run a command, follow a resize, reload and resume, terminate, play the recording', async ({ adminPage: page }) => {
  test.setTimeout(180_000);
  const nodeId = await localNodeId(page);
  await page.setViewportSize({ width: 1400, height: 900 });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Session Manager' }).click();
  await expect(page.getByRole('heading', { name: 'Session Manager', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Start session' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a session' });
  await dialog.getByLabel('Search nodes').fill(os.hostname());
  await dialog.getByRole('radio', { name: new RegExp(nodeId) }).check();
  await dialog.getByRole('button', { name: 'Start session' }).click();

  // The address becomes the session's once the server has started it.
  await expect(page).toHaveURL(/\/sessions\/[a-z0-9._@-]+-[0-9a-f]{17}$/);
  const sessionId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
  const terminal = page.getByTestId('terminal');
  await expect(page.getByTestId('connection-phase')).toHaveAttribute('data-phase', 'live');
  await terminal.click();
  await page.keyboard.type('echo $((6*7))\n');
  await expectLine(terminal, '42');

  // A large paste (Ctrl+Shift+V, the terminal's paste key) arrives whole.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((text) => navigator.clipboard.writeText(text), `echo ${'x'.repeat(3000)} | wc -c`);
  await page.keyboard.press('Control+Shift+V');
  // The clipboard is read asynchronously: Enter goes once the paste is on the command line.
  await expectLine(terminal, /x \| wc -c$/);
  await page.keyboard.press('Enter');
  await expectLine(terminal, '3001');

  // The shell's size follows the browser window.
  const before = await sttySize(page, terminal);
  await page.setViewportSize({ width: 1000, height: 650 });
  await expect.poll(async () => sttySize(page, terminal), { timeout: 20_000 }).not.toBe(before);
  const after = await sttySize(page, terminal);
  const [rowsBefore, colsBefore] = before.split(' ').map(Number) as [number, number];
  const [rowsAfter, colsAfter] = after.split(' ').map(Number) as [number, number];
  expect(colsAfter).toBeLessThan(colsBefore);
  expect(rowsAfter).toBeLessThan(rowsBefore);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.keyboard.type('clear; echo $((6*7)); ls -la --color=always /etc | head -n 20\n');
  await expectLine(terminal, '42');
  await page.screenshot({ path: 'e2e/artifacts/session-terminal.png' });

  // Files: upload into /tmp on the node through the session, then read it back by path.
  const fileName = `opsdeck-e2e-${Date.now()}.txt`;
  await page.getByRole('button', { name: 'Files', exact: true }).click();
  const files = page.getByRole('complementary', { name: 'File transfer' });
  await files.getByLabel('Files to upload').setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: Buffer.from('uploaded through the session\n') });
  await expect(files.getByRole('status').filter({ hasText: `Uploaded to /tmp/${fileName}` })).toBeVisible();
  await terminal.click();
  await page.keyboard.type(`clear; cat /tmp/${fileName}\n`);
  await expectLine(terminal, 'uploaded through the session');
  await files.getByLabel('Remote file path').fill(`/tmp/${fileName}`);
  const downloading = page.waitForEvent('download');
  await files.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(fileName);
  expect(fs.readFileSync((await download.path())!, 'utf8')).toBe('uploaded through the session\n');
  // A file that is not there: said in words.
  await files.getByLabel('Remote file path').fill('/tmp/opsdeck-e2e-missing.txt');
  await files.getByRole('button', { name: 'Download' }).click();
  await expect(files.getByRole('alert')).toContainText('Could not download opsdeck-e2e-missing.txt');
  await page.screenshot({ path: 'e2e/artifacts/session-files.png' });
  await page.getByRole('button', { name: 'Files', exact: true }).click();

  // Reloading asks first (a live shell), then re-attaches to the same shell, which kept its state.
  await terminal.click();
  await page.keyboard.type('export OPSDECK_MARK=resumed\n');
  page.once('dialog', (prompt) => {
    expect(prompt.type()).toBe('beforeunload');
    void prompt.accept();
  });
  await page.reload();
  await expect(page.getByTestId('connection-phase')).toHaveAttribute('data-phase', 'live');
  await expect(page.getByTestId('session-id')).toHaveText(sessionId);
  await terminal.click();
  // The last screen, which the player ends on: the mark and the answer once more.
  await page.keyboard.type('clear; echo "mark=$OPSDECK_MARK"; echo $((6*7))\n');
  await expectLine(terminal, 'mark=resumed');
  await expectLine(terminal, '42');

  // Terminate: asked first, then the tab says how it ended.
  await page.getByRole('button', { name: 'Terminate' }).click();
  await page.getByRole('dialog', { name: 'Terminate this session?' }).getByRole('button', { name: 'Terminate' }).click();
  await expect(page.getByTestId('session-ended')).toContainText(/ended/i);
  await expect(page.getByTestId('connection-phase')).toHaveAttribute('data-phase', 'ended');

  // History lists it with how it ended; the recording plays the command back.
  await page.goto('/sessions?state=History');
  const history = page.getByRole('table', { name: 'Session history' });
  const row = history.locator(`tr[data-session-id="${sessionId}"]`);
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', /Terminated|Failed/);
  await screenshot(page, 'session-manager.png');

  // Search every recording for the command; the hit opens the player at that moment.
  await page.getByLabel('Text to find in recordings').fill('echo $((6*7))');
  const hit = page.getByRole('list', { name: 'Recording matches' }).getByRole('link', { name: new RegExp(`Play ${sessionId}`) }).first();
  await expect(hit).toBeVisible();
  await row.getByRole('link', { name: `Play recording of ${sessionId}` }).click();

  const player = page.getByTestId('player-screen');
  const clock = page.getByTestId('player-clock');
  await expect(clock).toHaveText(/^0:00 \/ \d+:\d\d$/);
  const duration = (await clock.textContent())!.split(' / ')[1]!;
  await page.getByLabel('Speed').selectOption('8');
  await page.getByRole('button', { name: 'Play' }).click();
  // Played to the end: the clock stops at the length, the screen is the session's last (after its `clear`).
  await expect(clock).toHaveText(`${duration} / ${duration}`, { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expectLine(player, 'mark=resumed');
  await expectLine(player, '42');

  // Text search in the transcript: every time the command showed (three typed; readline may
  // redraw a line and show one twice); the first is before the resume.
  await page.getByLabel('Search the transcript').fill('echo $((6*7))');
  const matches = page.getByRole('list', { name: 'Matches' }).getByRole('button');
  await expect.poll(() => matches.count()).toBeGreaterThanOrEqual(3);
  await matches.first().click();
  await expect(player).toContainText('echo $((6*7))');
  await expect(player).not.toContainText('mark=resumed');
  await expect(clock).not.toHaveText(`${duration} / ${duration}`);
  await screenshot(page, 'session-player.png');
  // The search ignores case: the export of OPSDECK_MARK matches too; the output is the last match.
  await page.getByLabel('Search the transcript').fill('mark=resumed');
  await page.getByRole('list', { name: 'Matches' }).getByRole('button').last().click();
  await expect(player).toContainText('mark=resumed');

  // Seeking back to the start clears the screen of what came later.
  await page.getByLabel('Seek').fill('0');
  await expect(page.getByTestId('player-clock')).toHaveText(/^0:00 \//);
  await expect(player).not.toContainText('mark=resumed');
});

test('the node page starts a session; a second one opens as a tab; both end from the list', async ({ adminPage: page }) => {
  const nodeId = await localNodeId(page);
  await page.goto('/fleet');
  await expect(page.getByRole('button', { name: 'Start session' })).toBeVisible();
  await page.goto(`/fleet/${nodeId}`);
  await page.getByRole('link', { name: 'Start session' }).click();
  await expect(page).toHaveURL(/\/sessions\/[a-z0-9._@-]+-[0-9a-f]{17}$/);
  const panels = page.getByRole('tabpanel', { includeHidden: true });
  await expect(panels.first().getByTestId('connection-phase')).toHaveAttribute('data-phase', 'live');
  const first = (await panels.first().getByTestId('session-id').textContent())!;

  // A second session beside the first, as a tab; the address follows the tab in front.
  await page.getByRole('button', { name: '+ New session' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a session' });
  await dialog.getByRole('radio', { name: new RegExp(nodeId) }).check();
  await dialog.getByRole('button', { name: 'Start session' }).click();
  await expect(page.getByRole('tab')).toHaveCount(2);
  await expect(panels.nth(1).getByTestId('connection-phase')).toHaveAttribute('data-phase', 'live');
  const second = (await panels.nth(1).getByTestId('session-id').textContent())!;
  expect(second).not.toBe(first);
  await expect(page).toHaveURL(new RegExp(`/sessions/${second}$`));
  await page.getByRole('tab').first().click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${first}$`));
  // The first tab's shell kept running while the second was in front.
  await panels.first().getByTestId('terminal').click();
  await page.keyboard.type('echo first-$((1+1))\n');
  await expectLine(panels.first().getByTestId('terminal'), 'first-2');

  // Leaving asks first; then both are terminated from the list, each asked first.
  page.once('dialog', (prompt) => void prompt.accept());
  await page.goto('/sessions');
  const active = page.getByRole('table', { name: 'Active sessions' });
  for (const sessionId of [first, second]) {
    const row = active.locator(`tr[data-session-id="${sessionId}"]`);
    await expect(row.locator('[data-status]')).toHaveAttribute('data-status', /Connected|Disconnected/);
    await row.getByRole('button', { name: `Terminate ${sessionId}` }).click();
    await page.getByRole('dialog', { name: 'Terminate session?' }).getByRole('button', { name: 'Terminate' }).click();
    await expect(row).toHaveCount(0);
  }
});

test('session preferences in Settings: a mistake is said in words, a valid change is saved', async ({ adminPage: page }) => {
  await page.goto('/settings');
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Session Manager' }).click();
  const form = page.getByRole('form', { name: 'Session preferences' });
  const idle = form.getByLabel('Idle timeout (minutes)');
  await expect(idle).toHaveValue(/^\d/);
  const before = await idle.inputValue();

  await form.getByLabel('Default run-as OS user').fill('root; id');
  await form.getByRole('button', { name: 'Save preferences' }).click();
  await expect(form.getByRole('alert').filter({ hasText: "'root; id' is not an OS user name" })).toBeVisible();

  await form.getByLabel('Default run-as OS user').fill('opsdeck-user');
  await idle.fill('15');
  await form.getByRole('button', { name: 'Add mapping' }).click();
  await form.getByLabel('Console user 1', { exact: true }).fill('admin');
  await form.getByLabel('OS user for console user 1').fill('opsdeck-user');
  await form.getByRole('button', { name: 'Save preferences' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved. New sessions use these preferences.');
  await screenshot(page, 'session-preferences.png');

  await page.reload();
  await expect(form.getByLabel('Idle timeout (minutes)')).toHaveValue('15');
  await expect(form.getByLabel('OS user for console user 1')).toHaveValue('opsdeck-user');
  // Put back what the other tests expect.
  await form.getByLabel('Idle timeout (minutes)').fill(before);
  await form.getByRole('button', { name: 'Remove mapping 1' }).click();
  await form.getByRole('button', { name: 'Save preferences' }).click();
  await expect(form.getByRole('status')).toBeVisible();
});

test('an idle session is warned first, then ends with the reason in words', async ({ adminPage: page }) => {
  const saved = (await (await page.request.get('/api/sessions/preferences')).json()) as Record<string, unknown>;
  // A 15-second idle timeout (the server takes fractions of minutes for exactly this).
  const changed = await page.request.put('/api/sessions/preferences', { data: { ...saved, idleTimeoutMinutes: 0.25 } });
  expect(changed.ok(), await changed.text()).toBe(true);
  try {
    const nodeId = await localNodeId(page);
    await page.goto(`/sessions/start?target=${nodeId}`);
    await expect(page.getByTestId('connection-phase')).toHaveAttribute('data-phase', 'live');
    const warning = page.getByRole('alert').filter({ hasText: 'this session ends for inactivity' });
    await expect(warning).toBeVisible({ timeout: 20_000 });
    await page.screenshot({ path: 'e2e/artifacts/session-idle-warning.png' });
    await expect(page.getByTestId('session-ended')).toContainText('the idle timeout', { timeout: 20_000 });
    await expect(warning).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'View recording' })).toBeVisible();
    await page.screenshot({ path: 'e2e/artifacts/session-ended.png' });
  } finally {
    await page.request.put('/api/sessions/preferences', { data: saved });
  }
});
