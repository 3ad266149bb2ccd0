import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE, signIn, signInInput } from '@/server/auth/sessions';
import { errorResponse, readJson, sourceIp } from '@/server/http/route';

export async function POST(req: NextRequest) {
  try {
    const input = signInInput.parse(await readJson(req));
    const session = await signIn(input, { sourceIp: sourceIp(req), userAgent: req.headers.get('user-agent') ?? undefined });
    const response = NextResponse.json({ username: session.identity.username });
    response.cookies.set(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.nextUrl.protocol === 'https:',
      path: '/',
      expires: session.expiresAt,
    });
    return response;
  } catch (error) {
    return errorResponse(error);
  }
}
