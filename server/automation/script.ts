/**
 * `aws:executeScript`: runs a runbook's script in a child process of its own, never inside the
 * server. The script gets its input as JSON on stdin, a fresh private directory as cwd and HOME,
 * and an environment with nothing of the server's but PATH and LANG; its handler's return value
 * comes back through a result file, so whatever it prints (stdout and stderr) is only its log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:fs';
import { access, chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const SCRIPT_RUNTIMES = ['nodejs20.x', 'nodejs20', 'python3.8', 'python3.9', 'python3.10', 'python3.11', 'python3'] as const;
export type ScriptRuntime = (typeof SCRIPT_RUNTIMES)[number];

/** What a script may print before its log is cut (the rest is read and dropped, so the script never blocks). */
export const MAX_LOG_BYTES = 256 * 1024;
/** The JSON a handler may return; a step's outputs are stored with the execution. */
export const MAX_RESULT_BYTES = 1024 * 1024;
export const DEFAULT_MEMORY_MB = 512;
/** Below this python cannot even start under its address-space limit. */
export const MIN_MEMORY_MB = 64;

export interface ScriptInput {
  runtime: string;
  handler: string;
  script: string;
  inputPayload: unknown;
  timeoutSeconds: number;
  memoryMb?: number;
}

export type ScriptResult = { ok: true; payload: unknown; logs: string } | { ok: false; error: string; logs: string };

type Language = 'node' | 'python';

/** What the harness writes to the result file. */
type HarnessReport =
  | { ok: true; payload: unknown }
  | { ok: false; kind: 'no-handler'; found: string }
  | { ok: false; kind: 'exception'; type: string; message: string }
  | { ok: false; kind: 'not-serialisable'; detail: string };

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  spawnError?: Error;
}

const RESULT_FILE = '.opsdeck-result.json';
const PRLIMIT_FALLBACK = '/usr/bin/prlimit';
const CLOSE_GRACE_MS = 1000;

/**
 * Handler names become part of code the harness evaluates (a name lookup), so they are held to
 * identifiers: this blocks injecting code into the harness through the Handler input.
 */
const HANDLER_NAMES: Record<Language, RegExp> = {
  node: /^[A-Za-z_$][\w$]*$/,
  python: /^[A-Za-z_]\w*$/,
};

/**
 * Runs the user's script (CommonJS or ES module), calls the named handler, and writes its result
 * to the result file. The trailer appended to the script lets the harness find a handler that is
 * declared but not exported (`function handler(events, context) {}`), as AWS allows for Python.
 */
const NODE_TRAILER = `\n;globalThis[Symbol.for('opsdeck.lookup')] = (name) => eval(name);\n`;

const NODE_HARNESS = `'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const RESULT = path.join(__dirname, ${JSON.stringify(RESULT_FILE)});
const report = (message) => fs.writeFileSync(RESULT, JSON.stringify(message));

function errorInfo(error) {
  if (error instanceof Error) return { type: error.name || 'Error', message: error.message };
  return { type: typeof error, message: String(error) };
}

function findHandler(exported, name) {
  for (const holder of [exported, exported && exported.default]) {
    if ((typeof holder === 'object' || typeof holder === 'function') && holder !== null && holder[name] !== undefined) return holder[name];
  }
  const lookup = globalThis[Symbol.for('opsdeck.lookup')];
  try {
    return typeof lookup === 'function' ? lookup(name) : undefined;
  } catch {
    return undefined;
  }
}

async function main() {
  const [file, name] = process.argv.slice(2);
  const { events, context } = JSON.parse(fs.readFileSync(0, 'utf8'));
  let value;
  try {
    const exported = file.endsWith('.mjs') ? await import(pathToFileURL(file).href) : require(file);
    const handler = findHandler(exported, name);
    if (typeof handler !== 'function') return report({ ok: false, kind: 'no-handler', found: typeof handler });
    value = await handler(events, context);
  } catch (error) {
    console.error(error instanceof Error && error.stack ? error.stack : error);
    return report({ ok: false, kind: 'exception', ...errorInfo(error) });
  }
  if (typeof value === 'function' || typeof value === 'symbol') return report({ ok: false, kind: 'not-serialisable', detail: 'a ' + typeof value });
  let text;
  try {
    text = JSON.stringify({ ok: true, payload: value === undefined ? null : value });
  } catch (error) {
    return report({ ok: false, kind: 'not-serialisable', detail: errorInfo(error).message });
  }
  fs.writeFileSync(RESULT, text);
}

// Exit as soon as the handler is done, as AWS does: timers the script left behind must not keep it
// alive. process.exit() drops output still queued for a pipe, so both streams are flushed first.
function flushAndExit(code) {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main().then(
  () => flushAndExit(0),
  (error) => {
    console.error(error);
    flushAndExit(70);
  },
);
`;

const PYTHON_HARNESS = `import asyncio, importlib.util, inspect, json, os, sys, traceback

HERE = os.path.dirname(os.path.abspath(__file__))
RESULT = os.path.join(HERE, ${JSON.stringify(RESULT_FILE)})


def report(message):
    with open(RESULT, 'w', encoding='utf-8') as out:
        out.write(message if isinstance(message, str) else json.dumps(message))


def main():
    name = sys.argv[1]
    given = json.load(sys.stdin)
    try:
        spec = importlib.util.spec_from_file_location('script', os.path.join(HERE, 'script.py'))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        handler = getattr(module, name, None)
        if not callable(handler):
            report({'ok': False, 'kind': 'no-handler', 'found': type(handler).__name__})
            return
        value = handler(given['events'], given['context'])
        if inspect.iscoroutine(value):
            value = asyncio.run(value)
    except BaseException as error:
        traceback.print_exc()
        report({'ok': False, 'kind': 'exception', 'type': type(error).__name__, 'message': str(error)})
        return
    try:
        text = json.dumps({'ok': True, 'payload': value}, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as error:
        report({'ok': False, 'kind': 'not-serialisable', 'detail': str(error)})
        return
    report(text)


main()
sys.stdout.flush()
sys.stderr.flush()
# Threads the script started must not keep it alive once the handler has returned.
os._exit(0)
`;

function languageOf(runtime: string): Language | undefined {
  if (!(SCRIPT_RUNTIMES as readonly string[]).includes(runtime)) return undefined;
  return runtime.startsWith('nodejs') ? 'node' : 'python';
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable of that name on the server's PATH. */
async function findOnPath(name: string): Promise<string | undefined> {
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    if (directory && (await isExecutable(path.join(directory, name)))) return path.join(directory, name);
  }
  return undefined;
}

let prlimitLookup: Promise<string | undefined> | undefined;
function findPrlimit(): Promise<string | undefined> {
  prlimitLookup ??= findOnPath('prlimit').then(async (found) => found ?? ((await isExecutable(PRLIMIT_FALLBACK)) ? PRLIMIT_FALLBACK : undefined));
  return prlimitLookup;
}

/** Wraps a command in prlimit where it exists: no core files, and CPU seconds as a backstop to the wall-clock timeout. */
async function limited(command: string[], limits: { cpuSeconds: number; addressSpaceBytes?: number }): Promise<string[]> {
  const prlimit = await findPrlimit();
  if (!prlimit) return command;
  // Soft below hard, so the kernel sends SIGXCPU (which says why) before SIGKILL.
  const options = ['--core=0', `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`];
  if (limits.addressSpaceBytes !== undefined) options.push(`--as=${limits.addressSpaceBytes}`);
  return [prlimit, ...options, '--', ...command];
}

/** The child's whole environment: server secrets such as DATABASE_URL must never reach a script. */
function scriptEnvironment(home: string): NodeJS.ProcessEnv {
  const environment = { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', HOME: home, LANG: process.env.LANG ?? 'C.UTF-8' };
  // The project's types make NODE_ENV required; a script's environment deliberately has none.
  return environment as unknown as NodeJS.ProcessEnv;
}

/** Collects stdout and stderr in arrival order up to MAX_LOG_BYTES. */
function logCollector() {
  const chunks: Buffer[] = [];
  let size = 0;
  let isTruncated = false;
  let stderrTail = '';
  return {
    add(chunk: Buffer, isStderr: boolean) {
      if (isStderr) stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4096);
      const room = MAX_LOG_BYTES - size;
      if (chunk.length > room) isTruncated = true;
      if (room <= 0) return;
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(kept);
      size += kept.length;
    },
    text(): string {
      const text = Buffer.concat(chunks).toString('utf8');
      return isTruncated ? `${text}\n[log cut at ${MAX_LOG_BYTES / 1024} KiB]` : text;
    },
    stderrTail: () => stderrTail,
  };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    // Detached, the child leads its own process group: this also stops whatever the script started.
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function waitForExit(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, spawnError: error }));
  });
}

function waitForClose(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => child.once('close', () => resolve()));
}

async function readReport(directory: string): Promise<HarnessReport | { problem: string } | undefined> {
  const file = path.join(directory, RESULT_FILE);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return undefined;
  }
  if (size > MAX_RESULT_BYTES) return { problem: `the handler returned ${(size / 1024 / 1024).toFixed(1)} MiB of JSON; a script's result is at most ${MAX_RESULT_BYTES / 1024 / 1024} MiB` };
  try {
    return JSON.parse(await readFile(file, 'utf8')) as HarnessReport;
  } catch {
    return { problem: 'the script overwrote the file its result is returned in, so the result could not be read' };
  }
}

function failureMessage(report: Exclude<HarnessReport, { ok: true }>, input: ScriptInput, language: Language, memoryMb: number): string {
  switch (report.kind) {
    case 'no-handler':
      return `handler '${input.handler}' is not a function in the script${report.found === 'undefined' || report.found === 'NoneType' ? '' : ` (it is a ${report.found})`}`;
    case 'not-serialisable':
      return `the handler returned a value that is not JSON-serialisable (${report.detail})`;
    case 'exception':
      if (report.type === 'MemoryError') return `the script ran out of memory (its limit is ${memoryMb} MB): MemoryError`;
      return `the script ${language === 'python' ? 'raised' : 'threw'} ${report.type}${report.message ? `: ${report.message}` : ''}`;
  }
}

/** Why the script stopped without a result, from how its process ended. */
function exitMessage(exit: Exit, limits: { timeoutSeconds: number; cpuSeconds: number; memoryMb: number }, stderrTail: string): string {
  if (exit.spawnError) return `the script could not be started: ${exit.spawnError.message}`;
  if (/heap out of memory|Reached heap limit/.test(stderrTail)) return `the script ran out of memory (its limit is ${limits.memoryMb} MB) and was stopped`;
  if (exit.signal === 'SIGXCPU') return `the script used more than ${limits.cpuSeconds} s of CPU time and was stopped`;
  if (exit.signal) return `the script was stopped by ${exit.signal} before its handler returned`;
  return `the script exited with code ${exit.code} before its handler returned`;
}

function checkInput(input: ScriptInput, language: Language | undefined): string | undefined {
  if (!language) return `Runtime '${input.runtime}' is not supported; use nodejs20.x or python3.8 to python3.11 (or python3)`;
  if (!HANDLER_NAMES[language].test(input.handler)) return `Handler '${input.handler}' is not a function name (letters, digits and _, not starting with a digit)`;
  if (!Number.isFinite(input.timeoutSeconds) || input.timeoutSeconds <= 0) return `the timeout must be a positive number of seconds, not ${input.timeoutSeconds}`;
  const memoryMb = input.memoryMb ?? DEFAULT_MEMORY_MB;
  if (!Number.isInteger(memoryMb) || memoryMb < MIN_MEMORY_MB) return `the memory limit must be a whole number of MB, at least ${MIN_MEMORY_MB}, not ${memoryMb}`;
  return undefined;
}

/** A script that uses `import`/`export` at the top level runs as an ES module. */
function isEsModule(script: string): boolean {
  return /^\s*(import\s*[\w*{'"]|export\s)/m.test(script);
}

async function commandFor(language: Language, input: ScriptInput, directory: string, memoryMb: number, cpuSeconds: number): Promise<string[] | { problem: string }> {
  if (language === 'node') {
    const script = path.join(directory, isEsModule(input.script) ? 'script.mjs' : 'script.cjs');
    await writeFile(script, input.script + NODE_TRAILER, { mode: 0o600 });
    await writeFile(path.join(directory, 'harness.cjs'), NODE_HARNESS, { mode: 0o600 });
    // V8 reserves far more address space than it uses, so its heap is capped by V8's own flag, not RLIMIT_AS.
    return limited([process.execPath, `--max-old-space-size=${memoryMb}`, path.join(directory, 'harness.cjs'), script, input.handler], { cpuSeconds });
  }
  const python = await findOnPath('python3');
  if (!python) return { problem: `Runtime ${input.runtime} needs python3 on the Opsdeck server host; it was not found` };
  await writeFile(path.join(directory, 'script.py'), input.script, { mode: 0o600 });
  await writeFile(path.join(directory, 'harness.py'), PYTHON_HARNESS, { mode: 0o600 });
  // -I: no PYTHON* variables, no user site-packages; -B: no .pyc files; -u: logs survive a kill.
  return limited([python, '-I', '-B', '-u', path.join(directory, 'harness.py'), input.handler], { cpuSeconds, addressSpaceBytes: memoryMb * 1024 * 1024 });
}

async function runIn(directory: string, input: ScriptInput, language: Language): Promise<ScriptResult> {
  const memoryMb = input.memoryMb ?? DEFAULT_MEMORY_MB;
  const cpuSeconds = Math.ceil(input.timeoutSeconds) + 1;
  let stdin: string;
  try {
    stdin = JSON.stringify({ events: input.inputPayload ?? null, context: { runtime: input.runtime, handler: input.handler, timeoutSeconds: input.timeoutSeconds, memoryMb } });
  } catch (error) {
    return { ok: false, error: `the InputPayload cannot be sent to the script as JSON (${(error as Error).message})`, logs: '' };
  }
  const command = await commandFor(language, input, directory, memoryMb, cpuSeconds);
  if ('problem' in command) return { ok: false, error: command.problem, logs: '' };

  const logs = logCollector();
  const child = spawn(command[0]!, command.slice(1), { cwd: directory, env: scriptEnvironment(directory), detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = waitForExit(child);
  const closed = waitForClose(child);
  child.stdout?.on('data', (chunk: Buffer) => logs.add(chunk, false));
  child.stderr?.on('data', (chunk: Buffer) => logs.add(chunk, true));
  // A script that exits without reading its input closes the pipe: that is not an error here.
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(stdin);

  let isTimedOut = false;
  const timer = setTimeout(() => {
    isTimedOut = true;
    killGroup(child);
  }, input.timeoutSeconds * 1000);
  const exit = await exited;
  clearTimeout(timer);
  killGroup(child);
  // Output still in the pipes is read; a process that left the group cannot hold the step open.
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS))]);
  child.stdout?.destroy();
  child.stderr?.destroy();

  if (isTimedOut) return { ok: false, error: `the script ran past its ${input.timeoutSeconds} s timeout and was stopped`, logs: logs.text() };
  const report = await readReport(directory);
  if (report === undefined) return { ok: false, error: exitMessage(exit, { timeoutSeconds: input.timeoutSeconds, cpuSeconds, memoryMb }, logs.stderrTail()), logs: logs.text() };
  if ('problem' in report) return { ok: false, error: report.problem, logs: logs.text() };
  if (report.ok) return { ok: true, payload: report.payload, logs: logs.text() };
  return { ok: false, error: failureMessage(report, input, language, memoryMb), logs: logs.text() };
}

/** Runs an aws:executeScript script to completion (or its timeout) and returns its handler's value and log. */
export async function runScript(input: ScriptInput): Promise<ScriptResult> {
  const language = languageOf(input.runtime);
  const problem = checkInput(input, language);
  if (problem) return { ok: false, error: problem, logs: '' };
  const directory = await mkdtemp(path.join(tmpdir(), 'opsdeck-script-'));
  try {
    await chmod(directory, 0o700);
    return await runIn(directory, input, language!);
  } finally {
    await rm(directory, { recursive: true, force: true }).catch(() => undefined);
  }
}
