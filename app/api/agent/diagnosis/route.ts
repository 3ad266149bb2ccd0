import { NextResponse, type NextRequest } from 'next/server';
import { diagnosisUploadSchema } from '@/agent/protocol';
import { saveAgentDiagnosis } from '@/server/fleet/diagnosis';
import { errorResponse, readJson, sourceIp } from '@/server/http/route';

/** `npm run agent -- diagnose` uploads its report here, authenticated by the node's id and secret. */
export async function POST(req: NextRequest) {
  try {
    const upload = diagnosisUploadSchema.parse(await readJson(req));
    return NextResponse.json(await saveAgentDiagnosis(upload, sourceIp(req)));
  } catch (error) {
    return errorResponse(error);
  }
}
