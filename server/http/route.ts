import { NextResponse, type NextRequest } from 'next/server';
import { ZodError } from 'zod';
import { SESSION_COOKIE, requireIdentity, type Identity } from '@/server/auth/sessions';
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
    return NextResponse.json({ __type: error.code, message: error.message }, { status: error.httpStatus });
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

export function sourceIp(req: NextRequest): string | undefined {
  return req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || undefined;
}

type RouteContext<P> = { params: Promise<P> };

/** Wraps a console API handler: requires a signed-in session and maps errors to JSON. */
export function withSession<P = Record<string, never>>(
  handler: (req: NextRequest, identity: Identity, params: P) => Promise<unknown>,
) {
  return async (req: NextRequest, context: RouteContext<P>): Promise<NextResponse> => {
    try {
      const identity = await requireIdentity(req.cookies.get(SESSION_COOKIE)?.value);
      const result = await handler(req, identity, await context.params);
      return result instanceof NextResponse ? result : NextResponse.json(result ?? {});
    } catch (error) {
      return errorResponse(error);
    }
  };
}
