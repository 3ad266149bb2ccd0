import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_LOG_BYTES, runScript, type ScriptInput } from './script';

function node(script: string, overrides: Partial<ScriptInput> = {}) {
  return runScript({ runtime: 'nodejs20.x', handler: 'handler', script, inputPayload: {}, timeoutSeconds: 10, ...overrides });
}

function python(script: string, overrides: Partial<ScriptInput> = {}) {
  return runScript({ runtime: 'python3.11', handler: 'script_handler', script, inputPayload: {}, timeoutSeconds: 10, ...overrides });
}

/** Running, as /proc tells it: a killed orphan stays a zombie (Z) where PID 1 does not reap, as in containers. */
function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
  } catch {
    return false;
  }
}

const savedEnvironment = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in savedEnvironment)) delete process.env[key];
  Object.assign(process.env, savedEnvironment);
});

describe('runScript with Node.js', () => {
  it('calls a declared handler with the input payload and returns its value; what it prints is the log', async () => {
    const result = await node(
      `function handler(events, context) {
        console.log('starting', events.name);
        console.error('a warning');
        console.log(JSON.stringify({ ok: true, payload: 'forged on stdout' }));
        return { greeting: 'hello ' + events.name, count: events.items.length, runtime: context.runtime };
      }`,
      { inputPayload: { name: 'ops', items: [1, 2, 3] } },
    );
    expect(result).toEqual({ ok: true, payload: { greeting: 'hello ops', count: 3, runtime: 'nodejs20.x' }, logs: expect.stringContaining('starting ops') });
    expect(result.logs).toContain('a warning');
    expect(result.logs).toContain('forged on stdout');
  });

  it.each([
    ['exports.handler', `exports.handler = (events) => events.n * 2;`],
    ['module.exports.handler', `module.exports.handler = async (events) => { await new Promise((r) => setTimeout(r, 20)); return events.n * 2; };`],
    ['module.exports = {handler}', `module.exports = { handler(events) { return events.n * 2; } };`],
    ['an ES module export', `import { setTimeout as sleep } from 'node:timers/promises';\nexport async function handler(events) { await sleep(10); return events.n * 2; }`],
    ['a const arrow function', `'use strict';\nconst handler = async ({ n }) => n * 2;`],
  ])('finds the handler written as %s', async (_form, script) => {
    expect(await node(script, { inputPayload: { n: 21 } })).toMatchObject({ ok: true, payload: 42 });
  });

  it('returns null for a handler that returns nothing, and exits without waiting for leftover timers', async () => {
    const started = Date.now();
    expect(await node(`function handler() { setInterval(() => {}, 1000); }`)).toMatchObject({ ok: true, payload: null });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('says when the handler is missing or not a function', async () => {
    expect(await node(`function handler() {}`, { handler: 'main' })).toMatchObject({ ok: false, error: "handler 'main' is not a function in the script" });
    expect(await node(`exports.main = 5;`, { handler: 'main' })).toMatchObject({ ok: false, error: "handler 'main' is not a function in the script (it is a number)" });
  });

  it('reports an exception with its type and message, and its stack in the log', async () => {
    const result = await node(`function handler() { throw new TypeError('no instances given'); }`);
    expect(result).toMatchObject({ ok: false, error: 'the script threw TypeError: no instances given' });
    expect(result.logs).toMatch(/TypeError: no instances given\n\s+at handler/);
    expect(await node(`function handler() { return Promise.reject(new RangeError('too many')); }`)).toMatchObject({ ok: false, error: 'the script threw RangeError: too many' });
    expect(await node(`throw new Error('at load');`)).toMatchObject({ ok: false, error: 'the script threw Error: at load' });
  });

  it('says when the value cannot be returned as JSON', async () => {
    expect(await node(`function handler() { return 10n; }`)).toMatchObject({ ok: false, error: 'the handler returned a value that is not JSON-serialisable (Do not know how to serialize a BigInt)' });
    expect(await node(`function handler() { const a = {}; a.self = a; return a; }`)).toMatchObject({ ok: false, error: expect.stringMatching(/^the handler returned a value that is not JSON-serialisable \(Converting circular structure/) });
    expect(await node(`function handler() { return () => 1; }`)).toMatchObject({ ok: false, error: 'the handler returned a value that is not JSON-serialisable (a function)' });
  });

  it('says how a script that exits before returning ended', async () => {
    expect(await node(`function handler() { process.exit(4); }`)).toMatchObject({ ok: false, error: 'the script exited with code 4 before its handler returned' });
    expect(await node(`function handler() { process.kill(process.pid, 'SIGTERM'); return new Promise(() => {}); }`)).toMatchObject({ ok: false, error: 'the script was stopped by SIGTERM before its handler returned' });
  });

  it('stops a script at its timeout', async () => {
    const started = Date.now();
    const result = await node(`function handler() { console.log('spinning'); for (;;) {} }`, { timeoutSeconds: 1 });
    expect(result).toEqual({ ok: false, error: 'the script ran past its 1 s timeout and was stopped', logs: 'spinning\n' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops a script that exhausts its memory limit', async () => {
    const result = await node(`function handler() { const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random())); }`, { memoryMb: 64, timeoutSeconds: 30 });
    expect(result).toMatchObject({ ok: false, error: 'the script ran out of memory (its limit is 64 MB) and was stopped' });
  });

  it('cuts the log at 256 KiB', async () => {
    const result = await node(`function handler() { for (let i = 0; i < 400; i++) process.stdout.write('x'.repeat(1023) + '\\n'); return 'done'; }`);
    expect(result).toMatchObject({ ok: true, payload: 'done' });
    expect(result.logs.length).toBeLessThan(MAX_LOG_BYTES + 100);
    expect(result.logs.endsWith('[log cut at 256 KiB]')).toBe(true);
  });

  it('runs in a private temporary directory that is removed afterwards', async () => {
    const result = await node(`const fs = require('node:fs');\nfunction handler() { fs.writeFileSync('left-behind.txt', 'x'); return { cwd: process.cwd(), home: process.env.HOME, mode: fs.statSync('.').mode & 0o777 }; }`);
    if (!result.ok) throw new Error(result.error);
    const { cwd, home, mode } = result.payload as { cwd: string; home: string; mode: number };
    expect(home).toBe(cwd);
    expect(mode).toBe(0o700);
    expect(existsSync(cwd)).toBe(false);
  });
});

describe('runScript with Python', () => {
  it('calls the handler with events and context and returns its value', async () => {
    const result = await python(
      `import json\n\ndef script_handler(events, context):\n    print("instances:", len(events["InstanceIds"]))\n    print(json.dumps({"ok": True, "payload": "forged"}))\n    return {"first": events["InstanceIds"][0], "runtime": context["runtime"], "ratio": 0.5, "none": None}\n`,
      { inputPayload: { InstanceIds: ['mi-1', 'mi-2'] } },
    );
    expect(result).toEqual({ ok: true, payload: { first: 'mi-1', runtime: 'python3.11', ratio: 0.5, none: null }, logs: expect.stringContaining('instances: 2') });
    expect(result.logs).toContain('forged');
  });

  it('accepts python3 and the other python3.x runtimes, and async handlers', async () => {
    expect(await python(`def handler(events, context):\n    return events * 2\n`, { runtime: 'python3', handler: 'handler', inputPayload: 4 })).toMatchObject({ ok: true, payload: 8 });
    expect(await python(`async def main(events, context):\n    return 'async'\n`, { runtime: 'python3.8', handler: 'main' })).toMatchObject({ ok: true, payload: 'async' });
  });

  it('says when the handler is missing or not a function', async () => {
    expect(await python(`def handler(events, context):\n    return 1\n`, { handler: 'main' })).toMatchObject({ ok: false, error: "handler 'main' is not a function in the script" });
    expect(await python(`main = 3\n`, { handler: 'main' })).toMatchObject({ ok: false, error: "handler 'main' is not a function in the script (it is a int)" });
  });

  it('reports an exception with its type and message, and the traceback in the log', async () => {
    const result = await python(`def script_handler(events, context):\n    raise ValueError("bad input: " + events["x"])\n`, { inputPayload: { x: 'y' } });
    expect(result).toMatchObject({ ok: false, error: 'the script raised ValueError: bad input: y' });
    expect(result.logs).toContain('Traceback (most recent call last)');
    expect(await python(`import sys\ndef script_handler(events, context):\n    sys.exit(3)\n`)).toMatchObject({ ok: false, error: 'the script raised SystemExit: 3' });
    expect(await python(`def script_handler(events, context)\n    return 1\n`)).toMatchObject({ ok: false, error: expect.stringMatching(/^the script raised SyntaxError: /) });
  });

  it('says when the value cannot be returned as JSON', async () => {
    expect(await python(`def script_handler(events, context):\n    return {1, 2}\n`)).toMatchObject({ ok: false, error: 'the handler returned a value that is not JSON-serialisable (Object of type set is not JSON serializable)' });
    expect(await python(`def script_handler(events, context):\n    return float("nan")\n`)).toMatchObject({ ok: false, error: expect.stringMatching(/^the handler returned a value that is not JSON-serialisable \(Out of range float values/) });
  });

  it('says how a script that exits before returning ended', async () => {
    expect(await python(`import os\ndef script_handler(events, context):\n    os._exit(3)\n`)).toMatchObject({ ok: false, error: 'the script exited with code 3 before its handler returned' });
  });

  it('stops the script and everything it started at the timeout', async () => {
    const result = await python(`import subprocess, time\ndef script_handler(events, context):\n    child = subprocess.Popen(["sleep", "60"])\n    print("child", child.pid)\n    while True:\n        time.sleep(0.05)\n`, { timeoutSeconds: 1 });
    expect(result).toMatchObject({ ok: false, error: 'the script ran past its 1 s timeout and was stopped' });
    const pid = Number(/child (\d+)/.exec(result.logs)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(isRunning(pid)).toBe(false);
  });

  it('keeps the script within its memory limit', async () => {
    const result = await python(`def script_handler(events, context):\n    block = bytearray(300 * 1024 * 1024)\n    return len(block)\n`, { memoryMb: 128 });
    expect(result).toMatchObject({ ok: false, error: 'the script ran out of memory (its limit is 128 MB): MemoryError' });
    expect(await python(`def script_handler(events, context):\n    return len(bytearray(50 * 1024 * 1024))\n`, { memoryMb: 256 })).toMatchObject({ ok: true, payload: 50 * 1024 * 1024 });
  });

  it('needs python3 on the server host', async () => {
    process.env.PATH = '/nonexistent';
    expect(await python(`def script_handler(events, context):\n    return 1\n`)).toEqual({ ok: false, error: 'Runtime python3.11 needs python3 on the Opsdeck server host; it was not found', logs: '' });
  });
});

describe('runScript security', () => {
  it('passes no server secret to the script: its environment is PATH, HOME and LANG only', async () => {
    process.env.DATABASE_URL = 'postgres://opsdeck:hunter2@localhost/opsdeck';
    process.env.OPSDECK_TEST_SECRET = 'do-not-leak';
    const fromNode = await node(`function handler() { return process.env; }`);
    expect(fromNode).toMatchObject({ ok: true });
    expect(Object.keys((fromNode as { payload: object }).payload).sort()).toEqual(['HOME', 'LANG', 'PATH']);

    const fromPython = await python(`import os\ndef script_handler(events, context):\n    return dict(os.environ)\n`);
    expect(fromPython).toMatchObject({ ok: true });
    const pythonEnvironment = (fromPython as { payload: Record<string, string> }).payload;
    expect(pythonEnvironment).not.toHaveProperty('DATABASE_URL');
    expect(pythonEnvironment).not.toHaveProperty('OPSDECK_TEST_SECRET');
    expect(JSON.stringify(pythonEnvironment)).not.toContain('hunter2');
    // Only what the child was given, plus what a pyenv shim (a bash script) on this host adds for itself.
    const addedByShim = (key: string) => /^_?PYENV/.test(key) || ['PWD', 'SHLVL', '_'].includes(key);
    expect(Object.keys(pythonEnvironment).filter((key) => !['PATH', 'HOME', 'LANG'].includes(key) && !addedByShim(key))).toEqual([]);
  });

  it('holds Handler to a function name, so it cannot inject code into the harness', async () => {
    const injected = `handler); require('node:fs').writeFileSync('/tmp/opsdeck-injected', 'x'); (0`;
    expect(await node(`function handler() { return 1; }`, { handler: injected })).toEqual({
      ok: false,
      error: `Handler '${injected}' is not a function name (letters, digits and _, not starting with a digit)`,
      logs: '',
    });
    expect(await python(`def f(e, c):\n    return 1\n`, { handler: '__import__("os").system("id")' })).toMatchObject({ ok: false, error: expect.stringMatching(/is not a function name/) });
  });

  it('refuses runtimes it does not have and limits that make no sense', async () => {
    expect(await node('', { runtime: 'ruby3.2' })).toMatchObject({ ok: false, error: "Runtime 'ruby3.2' is not supported; use nodejs20.x or python3.8 to python3.11 (or python3)" });
    expect(await node('', { timeoutSeconds: 0 })).toMatchObject({ ok: false, error: 'the timeout must be a positive number of seconds, not 0' });
    expect(await node('', { memoryMb: 8 })).toMatchObject({ ok: false, error: 'the memory limit must be a whole number of MB, at least 64, not 8' });
  });
});
