import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordAuditEvent } from '@/server/audit/service';
import { getServerContext } from '@/server/context';
import { OpsdeckError, isOpsdeckError } from '@/server/errors';
import { peekAccessKey, resolveAccessKey, touchAccessKey, type ResolvedAccessKey } from '@/server/identity/access-keys';
import type { Caller } from '@/server/identity/caller';
import { stampSourceIp } from '@/server/http/source-ip';
import { toAwsJson } from './aws-json';
import { dispatch } from './dispatcher';
import { verifySigV4 } from './sigv4';

const TARGET_PREFIX = 'AmazonSSM.';
const MAX_BODY_BYTES = 1024 * 1024;

/** True for requests the SSM JSON API answers (everything else goes to the console). */
export function isSsmApiRequest(req: IncomingMessage): boolean {
  return req.method === 'POST' && (req.url === '/' || req.url?.startsWith('/?') === true) && typeof req.headers['x-amz-target'] === 'string';
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Small JSON requests arrive in one chunk: no concat, no copy.
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new OpsdeckError('SerializationException', `the request body is larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, requestId: string, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  // A flat array spares node from walking an object of headers on every response.
  res.writeHead(status, ['content-type', 'application/x-amz-json-1.1', 'content-length', String(Buffer.byteLength(body)), 'x-amzn-requestid', requestId]);
  res.end(body);
}

function sendError(res: ServerResponse, requestId: string, error: unknown): void {
  if (isOpsdeckError(error)) {
    // Only real faults are 5xx: SDKs retry 5xx and 429, never a client mistake.
    send(res, requestId, error.code === 'InternalServerError' ? 500 : 400, { __type: error.code, message: error.message });
    return;
  }
  console.error(`[api] request ${requestId} failed:`, error);
  send(res, requestId, 500, { __type: 'InternalServerError', message: `An internal error occurred (request ${requestId})` });
}

function credentialOf(req: IncomingMessage): string | undefined {
  return /Credential=([^/,\s]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new OpsdeckError('SerializationException', 'the request body is not valid JSON');
  }
}

/** POST / with X-Amz-Target: AmazonSSM.<Operation>, signed with SigV4: the AWS JSON 1.1 protocol. */
export async function handleSsmApiRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const sourceIp = stampSourceIp(req);
  const target = String(req.headers['x-amz-target']);
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
  const userAgent = req.headers['user-agent'];
  let caller: Caller | undefined;
  try {
    const body = await readBody(req);
    if (!target.startsWith(TARGET_PREFIX)) throw new OpsdeckError('UnknownOperationException', `unknown service target ${target}; Opsdeck answers AmazonSSM.*`);
    let owner: ResolvedAccessKey | null = null;
    const url = req.url!;
    const queryStart = url.indexOf('?');
    const verified = await verifySigV4(
      {
        method: req.method!,
        path: queryStart === -1 ? url : url.slice(0, queryStart),
        query: queryStart === -1 ? '' : url.slice(queryStart + 1),
        // Repeated headers as arrays: SigV4 joins them with ',' where Node's joined form uses ', '.
        headers: req.headersDistinct,
        body,
      },
      {
        expectedService: 'ssm',
        lookupSecret: (accessKeyId) => {
          const known = peekAccessKey(accessKeyId);
          if (known) return (owner = known);
          return resolveAccessKey(accessKeyId).then((resolved) => (owner = resolved));
        },
      },
    );
    const { region } = getServerContext();
    if (verified.region !== region) {
      throw new OpsdeckError('InvalidSignatureException', `Credential should be scoped to a valid region: this Opsdeck serves '${region}', not '${verified.region}'.`);
    }
    const { userId, username } = owner!;
    caller = { source: 'api', requestId, sourceIp, userAgent, userId, username, accessKeyId: verified.accessKeyId };
    // Once a minute per key at most, and not on the request's path (see touchAccessKey).
    touchAccessKey(verified.accessKeyId);
    const result = await dispatch(operation, parseJson(body), caller);
    send(res, requestId, 200, toAwsJson(result));
  } catch (error) {
    if (!caller) {
      // Refused before we knew who it was: still a line in the trail, with the key it claimed.
      const anonymous = { source: 'api' as const, requestId, sourceIp, userAgent, accessKeyId: credentialOf(req) };
      await recordAuditEvent(anonymous, {
        action: operation,
        result: 'Failure',
        errorCode: isOpsdeckError(error) ? error.code : 'InternalServerError',
        errorMessage: error instanceof Error ? error.message : String(error),
      }).catch((auditError: Error) => console.error(`[audit] ${auditError.message}`));
    }
    sendError(res, requestId, error);
  }
}
