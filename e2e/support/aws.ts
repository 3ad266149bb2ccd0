import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SSMClient } from '@aws-sdk/client-ssm';
import { runCommand } from './processes';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export const BOOTSTRAP_KEY: AwsCredentials = { accessKeyId: 'AKIAOPSDECKBOOTSTRAP', secretAccessKey: 'bootstrap-secret-for-tests-0123456789abcd' };
export const BOOTSTRAP_ENV = {
  OPSDECK_BOOTSTRAP_ACCESS_KEY_ID: BOOTSTRAP_KEY.accessKeyId,
  OPSDECK_BOOTSTRAP_SECRET_ACCESS_KEY: BOOTSTRAP_KEY.secretAccessKey,
};

export function ssmClient(endpoint: string, credentials: AwsCredentials = BOOTSTRAP_KEY, region = 'us-east-1'): SSMClient {
  return new SSMClient({ endpoint, region, credentials, maxAttempts: 1 });
}

/** The real AWS CLI (Debian's awscli), pointed at Opsdeck. Resolves with exit code, JSON (if any) and stderr. */
export async function awsCli(endpoint: string, args: string[], credentials: AwsCredentials = BOOTSTRAP_KEY) {
  const result = await runCommand('/usr/bin/aws', ['ssm', ...args, '--endpoint-url', endpoint, '--region', 'us-east-1', '--output', 'json'], {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  });
  let json: unknown;
  try {
    json = result.stdout.trim() ? JSON.parse(result.stdout) : undefined;
  } catch {
    json = undefined;
  }
  return { ...result, json };
}

/** A hand-signed AWS JSON 1.1 call, for what the SDK and CLI will not send (old dates, unknown operations). */
export async function signedSsmCall(
  endpoint: string,
  operation: string,
  body: unknown,
  options: { credentials?: AwsCredentials; signingDate?: Date; region?: string; mutate?: (headers: Record<string, string>) => void } = {},
) {
  const url = new URL(endpoint);
  const signer = new SignatureV4({ service: 'ssm', region: options.region ?? 'us-east-1', credentials: options.credentials ?? BOOTSTRAP_KEY, sha256: Sha256 });
  const payload = JSON.stringify(body);
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonSSM.${operation}` },
      body: payload,
    },
    { signingDate: options.signingDate },
  );
  const headers = { ...(signed.headers as Record<string, string>) };
  options.mutate?.(headers);
  delete headers.host;
  const response = await fetch(`${endpoint}/`, { method: 'POST', headers, body: payload });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

/** The error an SDK call fails with (its AWS name and message), or a failed test when it succeeds. */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected the call to fail');
}
