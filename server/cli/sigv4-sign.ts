import { createHash, createHmac } from 'node:crypto';

/**
 * Signs an AWS JSON 1.1 request with Signature Version 4 (header form), for the opsdeck CLI, so it
 * needs no AWS SDK. Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

export function signJsonRequest(url: URL, target: string, body: string, credentials: Credentials, region: string, now = new Date()): Record<string, string> {
  const amzDate = now.toISOString().replace(/[:-]|\.\d{3}/g, '');
  const date = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.1',
    host: url.host,
    'x-amz-date': amzDate,
    'x-amz-target': target,
    ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
  };
  const names = Object.keys(headers).sort();
  const canonical = ['POST', url.pathname || '/', '', ...names.map((name) => `${name}:${headers[name]!.trim()}`), '', names.join(';'), sha256(body)].join('\n');
  const scope = `${date}/${region}/ssm/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, date), region), 'ssm'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  delete headers.host;
  return headers;
}
