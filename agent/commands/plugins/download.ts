import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { CommandStep } from '../../protocol';
import { stepTimeout, stoppedOutcome, text, timedOutMessage, type StepContext, type StepOutcome } from './context';

/** A file name taken from a URL or a document name: no `/`, no `..`, no leading dot. */
const SAFE_FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/;

const failed = (message: string): StepOutcome => ({ status: 'Failed', exitCode: -1, message });

/** aws:downloadContent with `sourceType` HTTP or SSMDocument (the server resolves the document). */
export async function downloadContent(step: CommandStep, ctx: StepContext): Promise<StepOutcome> {
  const sourceType = step.inputs.sourceType;
  if (sourceType === 'HTTP') return downloadHttp(step, ctx);
  if (sourceType === 'SSMDocument') return writeDocument(step, ctx);
  return failed(`sourceType ${JSON.stringify(sourceType)} is not supported by the Opsdeck agent; use HTTP or SSMDocument`);
}

/** `sourceInfo` arrives as an object, or as the JSON string AWS documents show. */
function sourceUrl(sourceInfo: unknown): URL | string {
  let info = sourceInfo;
  if (typeof info === 'string') {
    try {
      info = JSON.parse(info);
    } catch {
      return 'sourceInfo must be {"url": "https://..."} (as an object or a JSON string)';
    }
  }
  const url = (info as { url?: unknown } | null)?.url;
  if (typeof url !== 'string') return 'sourceInfo must name a url: {"url": "https://..."}';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `sourceInfo.url '${url}' is not a URL`;
  }
  // Only the web: file:, data: and the like would turn the step into a way to copy local files.
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `sourceInfo.url must be http or https, not ${parsed.protocol}`;
  return parsed;
}

/** `destinationPath` as the SSM agent reads it: relative to the work dir; a folder (existing, or ending in /) gets `name` inside. */
function destination(destinationPath: unknown, workDir: string, name: string): string | { error: string } {
  if (destinationPath === undefined || destinationPath === '') return path.join(workDir, name);
  if (typeof destinationPath !== 'string') return { error: 'destinationPath must be a path' };
  const resolved = path.resolve(workDir, destinationPath);
  const isFolder = destinationPath.endsWith('/') || (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory());
  return isFolder ? path.join(resolved, name) : resolved;
}

/** The URL's last path segment when it is a plain file name; decoded, it could hold `/` or be `..`. */
function urlFileName(url: URL): string {
  try {
    const name = decodeURIComponent(url.pathname.split('/').pop() ?? '');
    return SAFE_FILE_NAME.test(name) ? name : 'download';
  } catch {
    return 'download';
  }
}

async function downloadHttp(step: CommandStep, ctx: StepContext): Promise<StepOutcome> {
  const url = sourceUrl(step.inputs.sourceInfo);
  if (typeof url === 'string') return failed(url);
  const timeout = stepTimeout(step.inputs.timeoutSeconds, ctx.deadline);
  if ('error' in timeout) return failed(timeout.error);
  const target = destination(step.inputs.destinationPath, ctx.workDir, urlFileName(url));
  if (typeof target !== 'string') return failed(target.error);

  const timeoutSignal = AbortSignal.timeout(Math.max(1, timeout.ms));
  const partial = `${target}.opsdeck-partial`;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const response = await fetch(url, { signal: AbortSignal.any([ctx.signal, timeoutSignal]), redirect: 'follow' });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return failed(`downloading ${url.href} failed: HTTP ${response.status} ${response.statusText}`);
    }
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), fs.createWriteStream(partial, { mode: 0o644 }));
    fs.renameSync(partial, target);
    const bytes = fs.statSync(target).size;
    ctx.output.write('stdout', text(`Downloaded ${bytes} bytes from ${url.href} to ${target}\n`));
    return { status: 'Success', exitCode: 0 };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (ctx.signal.aborted) return stoppedOutcome(ctx.signal.reason);
    if (timeoutSignal.aborted) return { status: 'TimedOut', exitCode: -1, message: timedOutMessage(ctx, timeout) };
    const cause = (error as Error & { cause?: Error }).cause?.message;
    return failed(`downloading ${url.href} failed: ${(error as Error).message}${cause ? ` (${cause})` : ''}`);
  }
}

async function writeDocument(step: CommandStep, ctx: StepContext): Promise<StepOutcome> {
  const { content, documentName } = step.inputs;
  if (content === undefined || content === null) return failed('the server sent no document content for this step');
  // The name becomes a file name: this blocks `../` and absolute paths escaping the destination.
  if (typeof documentName !== 'string' || !SAFE_FILE_NAME.test(documentName)) {
    return failed(`documentName ${JSON.stringify(documentName)} cannot be used as a file name (letters, digits, _ . - only)`);
  }
  const destinationPath = step.inputs.destinationPath;
  if (destinationPath !== undefined && typeof destinationPath !== 'string') return failed('destinationPath must be a path');
  const folder = destinationPath ? path.resolve(ctx.workDir, destinationPath) : ctx.workDir;
  const target = path.join(folder, `${documentName}.json`);
  const body = typeof content === 'string' ? content : JSON.stringify(content, null, 2);
  try {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(target, body, { mode: 0o644 });
  } catch (error) {
    return failed(`writing ${target} failed: ${(error as Error).message}`);
  }
  ctx.output.write('stdout', text(`Wrote document ${documentName} (${Buffer.byteLength(body)} bytes) to ${target}\n`));
  return { status: 'Success', exitCode: 0 };
}
