import os from 'node:os';
import type { Locator, Page } from '@playwright/test';
import { test, expect, screenshot } from './fixtures';

/** The machine running the server enrolled itself at first start; its node is named after the host. */
async function localNodeId(page: Page): Promise<string> {
  const response = await page.request.get('/api/nodes?pageSize=100');
  const { nodes } = (await response.json()) as { nodes: { nodeId: string; name: string; pingStatus: string }[] };
  const local = nodes.find((node) => node.name === os.hostname() && node.pingStatus === 'Online');
  expect(local, JSON.stringify(nodes)).toBeDefined();
  return local!.nodeId;
}

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

  // A paste arrives as one input, whole.
  await page.keyboard.insertText(`echo ${'x'.repeat(2000)} | wc -c\n`);
  await expectLine(terminal, '2001');

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

  // Reloading asks first (a live shell), then re-attaches to the same shell, which kept its state.
  await page.keyboard.type('export OPSDECK_MARK=resumed\n');
  page.once('dialog', (prompt) => {
    expect(prompt.type()).toBe('beforeunload');
    void prompt.accept();
  });
  await page.reload();
  await expect(page.getByTestId('connection-phase')).toHaveAttribute('data-phase', 'live');
  await expect(page.getByTestId('session-id')).toHaveText(sessionId);
  await terminal.click();
  await page.keyboard.type('clear; echo "mark=$OPSDECK_MARK"\n');
  await expectLine(terminal, 'mark=resumed');

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
  await expect(page.getByTestId('player-clock')).toHaveText(/^0:00 \/ \d+:\d\d$/);
  await page.getByLabel('Speed').selectOption('8');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(player).toContainText('echo $((6*7))', { timeout: 60_000 });
  await expectLine(player, '42', 60_000);

  // Text search in the transcript jumps there (and pauses).
  await page.getByLabel('Search the transcript').fill('mark=resumed');
  await page.getByRole('list', { name: 'Matches' }).getByRole('button').first().click();
  await expect(player).toContainText('mark=resumed');
  await page.screenshot({ path: 'e2e/artifacts/session-player.png' });

  // Seeking back to the start clears the screen of what came later.
  await page.getByLabel('Seek').fill('0');
  await expect(page.getByTestId('player-clock')).toHaveText(/^0:00 \//);
  await expect(player).not.toContainText('mark=resumed');
});

test('Fleet Manager and the node page start a session on a node', async ({ adminPage: page }) => {
  const nodeId = await localNodeId(page);
  await page.goto(`/fleet/${nodeId}`);
  await page.getByRole('link', { name: 'Start session' }).click();
  await expect(page).toHaveURL(/\/sessions\/[a-z0-9._@-]+-[0-9a-f]{17}$/);
  await expect(page.getByTestId('connection-phase')).toHaveAttribute('data-phase', 'live');

  // A second session beside the first, as a tab.
  await page.getByRole('button', { name: '+ New session' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a session' });
  await dialog.getByRole('radio', { name: new RegExp(nodeId) }).check();
  await dialog.getByRole('button', { name: 'Start session' }).click();
  await expect(page.getByRole('tab')).toHaveCount(2);
  const second = page.getByRole('tabpanel').filter({ has: page.getByTestId('terminal') }).last();
  await expect(second.getByTestId('connection-phase')).toHaveAttribute('data-phase', 'live');

  await page.goto('/sessions');
  const active = page.getByRole('table', { name: 'Active sessions' });
  await expect(active.getByRole('row')).toHaveCount(3);
  // Terminate both from the list, each asked first.
  for (let remaining = 2; remaining > 0; remaining -= 1) {
    await active.getByRole('button', { name: /^Terminate / }).first().click();
    await page.getByRole('dialog', { name: 'Terminate session?' }).getByRole('button', { name: 'Terminate' }).click();
    await expect(active.getByRole('row')).toHaveCount(remaining, { timeout: 20_000 }).catch(async () => {
      await expect(page.getByText('No active sessions')).toBeVisible();
    });
  }
  await expect(page.getByText('No active sessions')).toBeVisible();
});
