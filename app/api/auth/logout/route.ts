import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE, signOut } from '@/server/auth/sessions';
import { errorResponse } from '@/server/http/route';

export async function POST(req: NextRequest) {
  try {
    const token = req.cookies.get(SESSION_COOKIE)?.value;
    if (token) await signOut(token);
    const response = NextResponse.json({});
    response.cookies.delete(SESSION_COOKIE);
    return response;
  } catch (error) {
    return errorResponse(error);
  }
}
