import { NextResponse, type NextRequest } from 'next/server';
import { ZodError } from 'zod';
import { randomUUID } from 'node:crypto';
import { SESSION_COOKIE, requireIdentity } from '@/server/auth/sessions';
import type { Caller } from '@/server/identity/caller';
import { SOURCE_IP_HEADER } from './source-ip';
import { isOpsdeckError } from '@/server/errors';

/** Says exactly which field is wrong and why, e.g. "registrationLimit: the registration limit is at least 1". */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof ZodError) {
    return NextResponse.json({ __type: 'ValidationException', message: describeZodError(error) }, { status: 400 });
  }
  if (isOpsdeckError(error)) {
    // Some errors carry structured detail for the console, with line numbers: policy errors
    // (`errors`) and document content issues (`issues`).
    const { errors, issues } = error as { errors?: unknown; issues?: unknown };
    return NextResponse.json({ __type: error.code, message: error.message, ...(errors ? { errors } : {}), ...(issues ? { issues } : {}) }, { status: error.httpStatus });
  }
  console.error('[api] unexpected error:', error);
  return NextResponse.json(
    { __type: 'InternalServerError', message: 'The server hit an unexpected error; it has been logged' },
    { status: 500 },
  );
}

export async function readJson(req: NextRequest): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new ZodError([{ code: 'custom', path: [], message: 'the request body is not valid JSON', input: undefined }]);
  }
}

/** Set by the custom server from the TCP peer (server/http/source-ip.ts); clients cannot forge it. */
export function sourceIp(req: NextRequest): string | undefined {
  return req.headers.get(SOURCE_IP_HEADER) ?? undefined;
}

type RouteContext<P> = { params: Promise<P> };

export async function consoleCaller(req: NextRequest): Promise<Caller> {
  const identity = await requireIdentity(req.cookies.get(SESSION_COOKIE)?.value);
  return {
    ...identity,
    source: 'console',
    sourceIp: sourceIp(req),
    userAgent: req.headers.get('user-agent') ?? undefined,
    requestId: randomUUID(),
  };
}

/** Wraps a console API handler: requires a signed-in session and maps errors to JSON. */
export function withSession<P = Record<string, never>>(
  handler: (req: NextRequest, caller: Caller, params: P) => Promise<unknown>,
) {
  return async (req: NextRequest, context: RouteContext<P>): Promise<Response> => {
    try {
      const caller = await consoleCaller(req);
      const result = await handler(req, caller, await context.params);
      return result instanceof Response ? result : NextResponse.json(result ?? {});
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Streams generated lines as a file download, pulling the next line only when the client reads. */
export function downloadResponse(lines: AsyncGenerator<string | Uint8Array>, contentType: string, filePrefix: string, extension: string): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      // Bytes go out as they are (command output need not be UTF-8); text is encoded.
      else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '');
  return new Response(stream, {
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${filePrefix}-${stamp}.${extension}"` },
  });
}
