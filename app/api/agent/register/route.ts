import { NextResponse, type NextRequest } from 'next/server';
import { registerRequestSchema } from '@/agent/protocol';
import { registerNode } from '@/server/fleet/registration';
import { errorResponse, readJson, sourceIp } from '@/server/http/route';

/** Agents authenticate here with an activation code, not a console session. */
export async function POST(req: NextRequest) {
  try {
    const request = registerRequestSchema.parse(await readJson(req));
    return NextResponse.json(await registerNode(request, sourceIp(req)));
  } catch (error) {
    return errorResponse(error);
  }
}
