import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { OpsdeckError } from '@/server/errors';

/**
 * AWS Signature Version 4 verification for header-signed requests (the `Authorization:
 * AWS4-HMAC-SHA256 ...` form the CLI and the SDKs use; presigned query-string URLs are not
 * accepted). Pure: the caller supplies the request as received and a secret lookup.
 * Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */

export interface SignedRequest {
  method: string;
  /** Raw path as received, still percent-encoded, e.g. '/'. */
  path: string;
  /** Raw query string without '?', still percent-encoded. */
  query: string;
  /**
   * Lower-cased names as node's IncomingMessage gives them. Values are byte strings (one char per
   * byte, latin1), which is what node and the fetch Headers class deliver. Pass
   * `req.headersDistinct` rather than `req.headers` if repeated headers must verify: node joins
   * repeats with ', ' while SigV4 joins them with ','.
   */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface VerifyOptions {
  now?: Date;
  /** The service the credential scope must name, e.g. 'ssm'. */
  expectedService: string;
  /** May answer synchronously (a cache hit), which spares a promise per request. */
  lookupSecret(accessKeyId: string): Promise<{ secretAccessKey: string } | null> | { secretAccessKey: string } | null;
}

export type VerifyResult = { accessKeyId: string; region: string; service: string; signedAt: Date };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const TERMINATOR = 'aws4_request';
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const CONTENT_SHA256_HEADER = 'x-amz-content-sha256';

interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  terminator: string;
}

interface ParsedAuthorization {
  credential: CredentialScope;
  /** As listed by the client: the signed-headers line of the canonical request is this, verbatim. */
  signedHeaders: string;
  signature: string;
}

interface RequestDate {
  /** ISO 8601 basic format, e.g. 20260101T000000Z: the second line of the string to sign. */
  longDate: string;
  /** Epoch milliseconds. */
  signedAtMs: number;
}

export async function verifySigV4(request: SignedRequest, options: VerifyOptions): Promise<VerifyResult> {
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization === undefined || authorization.trim() === '') {
    throw new OpsdeckError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400);
  }
  const { credential, signedHeaders, signature } = parseAuthorization(authorization, request.headers);
  const requestDate = readRequestDate(request.headers);
  checkCredentialScope(credential, requestDate, options.expectedService);
  const headerNames = signedHeaderNames(signedHeaders);
  checkHostIsSigned(headerNames);
  checkClockSkew(requestDate.signedAtMs, options.now ? options.now.getTime() : Date.now());

  const found = options.lookupSecret(credential.accessKeyId);
  const secret = found !== null && typeof (found as PromiseLike<unknown>).then === 'function' ? await found : (found as { secretAccessKey: string } | null);
  if (!secret) {
    throw new OpsdeckError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
  }

  const bodyHash = sha256Hex(request.body);
  const claimedBodyHash = headerValue(request.headers, CONTENT_SHA256_HEADER);
  const canonicalRequest = buildCanonicalRequest(request, headerNames, signedHeaders, claimedBodyHash ?? bodyHash);
  const scope = `${credential.date}/${credential.region}/${credential.service}/${TERMINATOR}`;
  // Everything but header values is ASCII by now; header values are byte strings (see
  // SignedRequest.headers), so latin1 hashes the very bytes the client signed.
  const stringToSign = `${ALGORITHM}\n${requestDate.longDate}\n${scope}\n${sha256Hex(canonicalRequest, 'latin1')}`;
  const signingKey = cachedSigningKey(secret.secretAccessKey, credential.date, credential.region, credential.service);
  const expected = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest();
  if (!signatureMatches(expected, signature)) {
    throw invalidSignature(
      'The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method.',
    );
  }
  // Checked after the signature, as S3 does: the signature covers the claimed hash, so only a body
  // changed in transit (or UNSIGNED-PAYLOAD, which a JSON API has no reason to accept) gets here.
  if (claimedBodyHash !== undefined && claimedBodyHash !== bodyHash) {
    throw invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  return {
    accessKeyId: credential.accessKeyId,
    region: credential.region,
    service: credential.service,
    signedAt: new Date(requestDate.signedAtMs),
  };
}

/**
 * Signing keys change once a day per key, region and service, so the four HMACs are done once and
 * remembered (in memory only, like the secrets they come from). The cache key holds the secret
 * itself, so a rotated or deleted key can never match an entry made from another secret.
 */
const signingKeys = new LRUCache<string, Buffer>({ max: 10_000 });

function cachedSigningKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${date}\n${region}\n${service}\n${secretAccessKey}`;
  let key = signingKeys.get(cacheKey);
  if (key === undefined) {
    key = deriveSigningKey(secretAccessKey, date, region, service);
    signingKeys.set(cacheKey, key);
  }
  return key;
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function deriveSigningKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, TERMINATOR);
}

// ---- parsing the Authorization header and the date ----

function parseAuthorization(authorization: string, headers: SignedRequest['headers']): ParsedAuthorization {
  const trimmed = authorization.trim();
  const spaceAt = trimmed.search(/\s/);
  const algorithm = spaceAt === -1 ? trimmed : trimmed.slice(0, spaceAt);
  if (algorithm !== ALGORITHM) {
    throw incompleteSignature(`Unsupported AWS 'algorithm': '${algorithm}'.`);
  }
  const params = parseParameters(spaceAt === -1 ? '' : trimmed.slice(spaceAt + 1));
  const credential = params.get('Credential');
  const signedHeaders = params.get('SignedHeaders');
  const signature = params.get('Signature');

  const problems: string[] = [];
  if (!credential) problems.push("Authorization header requires 'Credential' parameter.");
  if (!signature) problems.push("Authorization header requires 'Signature' parameter.");
  if (!signedHeaders) problems.push("Authorization header requires 'SignedHeaders' parameter.");
  if (headerValue(headers, 'x-amz-date') === undefined && headerValue(headers, 'date') === undefined) {
    problems.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (!credential || !signature || !signedHeaders || problems.length > 0) {
    throw incompleteSignature(`${problems.join(' ')} Authorization=${trimmed}`);
  }
  return { credential: parseCredential(credential), signedHeaders, signature };
}

/** `Credential=..., SignedHeaders=..., Signature=...`; botocore and smithy both put a space after commas. */
function parseParameters(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of text.split(',')) {
    const equalsAt = part.indexOf('=');
    if (equalsAt === -1) continue;
    const name = part.slice(0, equalsAt).trim();
    if (!params.has(name)) params.set(name, part.slice(equalsAt + 1).trim());
  }
  return params;
}

function parseCredential(value: string): CredentialScope {
  const parts = value.split('/');
  const [accessKeyId, date, region, service, terminator] = parts;
  if (
    parts.length !== 5 ||
    accessKeyId === undefined ||
    date === undefined ||
    region === undefined ||
    service === undefined ||
    terminator === undefined ||
    parts.some((part) => part === '')
  ) {
    throw incompleteSignature(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${value}'`,
    );
  }
  return { accessKeyId, date, region, service, terminator };
}

/** X-Amz-Date wins over Date, as in AWS; the SDKs always send X-Amz-Date. */
function readRequestDate(headers: SignedRequest['headers']): RequestDate {
  const amzDate = headerValue(headers, 'x-amz-date');
  if (amzDate !== undefined) {
    const longDate = amzDate.trim();
    const signedAtMs = parseBasicIso8601Cached(longDate);
    if (signedAtMs === null) throw badDateFormat(amzDate);
    return { longDate, signedAtMs };
  }
  const httpDate = headerValue(headers, 'date') ?? '';
  const millis = Date.parse(httpDate);
  if (Number.isNaN(millis)) throw badDateFormat(httpDate);
  return { longDate: formatBasicIso8601(new Date(millis)), signedAtMs: millis };
}

// Under load most requests carry the same X-Amz-Date as the one before (one value per second).
let lastParsed: { text: string; millis: number | null } = { text: '', millis: null };

function parseBasicIso8601Cached(value: string): number | null {
  if (value !== lastParsed.text) lastParsed = { text: value, millis: parseBasicIso8601(value)?.getTime() ?? null };
  return lastParsed.millis;
}

const BASIC_ISO8601 = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function parseBasicIso8601(value: string): Date | null {
  const match = BASIC_ISO8601.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 20261340 over into the next year; reading the fields back catches impossible dates.
  const isExact =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return isExact ? date : null;
}

/** 2026-01-01T00:30:00.123Z → 20260101T003000Z (AWS drops the milliseconds). */
function formatBasicIso8601(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

// ---- checks before the secret is looked up ----

function checkCredentialScope(scope: CredentialScope, requestDate: RequestDate, expectedService: string): void {
  const shortDate = requestDate.longDate.slice(0, 8);
  if (scope.date !== shortDate) {
    throw invalidSignature(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ` +
        `'${scope.date}' != '${shortDate}', from '${requestDate.longDate}'.`,
    );
  }
  // The caller puts the region into ARNs, so only a plain region-like name gets through.
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(scope.region) || scope.region.length > 64) {
    throw invalidSignature('Credential should be scoped to a valid region.');
  }
  if (scope.service !== expectedService) {
    throw invalidSignature(`Credential should be scoped to correct service: '${expectedService}'.`);
  }
  if (scope.terminator !== TERMINATOR) {
    throw invalidSignature(
      `Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${scope.terminator}'.`,
    );
  }
}

function checkHostIsSigned(headerNames: string[]): void {
  if (!headerNames.includes('host')) {
    throw invalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
}

function checkClockSkew(signedAtMs: number, nowMs: number): void {
  const skew = signedAtMs - nowMs;
  if (skew >= -MAX_CLOCK_SKEW_MS && skew <= MAX_CLOCK_SKEW_MS) return;
  // The messages are AWS's; they are built only for the requests that get them.
  const signed = formatBasicIso8601(new Date(signedAtMs));
  const current = formatBasicIso8601(new Date(nowMs));
  if (skew < 0) {
    const earliest = new Date(nowMs - MAX_CLOCK_SKEW_MS);
    throw invalidSignature(`Signature expired: ${signed} is now earlier than ${formatBasicIso8601(earliest)} (${current} - 15 min.)`);
  }
  const latest = new Date(nowMs + MAX_CLOCK_SKEW_MS);
  throw invalidSignature(`Signature not yet current: ${signed} is still later than ${formatBasicIso8601(latest)} (${current} + 15 min.)`);
}

// ---- the canonical request ----

/** The canonical request as a byte string (see SignedRequest.headers): hash it as latin1. */
function buildCanonicalRequest(request: SignedRequest, headerNames: string[], signedHeaders: string, payloadHash: string): string {
  return `${request.method.toUpperCase()}\n${canonicalUri(request.path)}\n${canonicalQuery(request.query)}\n${canonicalHeaders(request.headers, headerNames)}\n${signedHeaders}\n${payloadHash}`;
}

/**
 * AWS's "double encoding" for every service but S3: the path as sent (already percent-encoded)
 * is encoded once more, segment by segment, so '/a%20b' is canonically '/a%2520b'. Dot segments
 * and empty segments are dropped first, as @smithy/signature-v4 and botocore both do.
 */
function canonicalUri(path: string): string {
  if (path === '/') return path; // every AWS JSON call
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  if (segments.length === 0) return '/';
  const trailingSlash = path.endsWith('/') ? '/' : '';
  return `/${segments.map((segment) => encodeRfc3986(Buffer.from(segment, 'utf8'))).join('/')}${trailingSlash}`;
}

/**
 * Each name and value decoded to bytes and re-encoded per RFC 3986, then sorted by name and value.
 * Working on bytes keeps invalid UTF-8 (%FF) and stray '%' intact where decodeURIComponent would throw.
 * '+' is a literal plus, not a space: SigV4 clients send spaces as %20.
 */
function canonicalQuery(query: string): string {
  if (query === '') return query;
  const pairs: Array<[string, string]> = [];
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const equalsAt = piece.indexOf('=');
    const name = equalsAt === -1 ? piece : piece.slice(0, equalsAt);
    const value = equalsAt === -1 ? '' : piece.slice(equalsAt + 1);
    pairs.push([encodeRfc3986(percentDecode(name)), encodeRfc3986(percentDecode(value))]);
  }
  pairs.sort(([nameA, valueA], [nameB, valueB]) => compareAscii(nameA, nameB) || compareAscii(valueA, valueB));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** Exactly the headers the client listed: the CLI and the JS SDK sign different sets. */
function canonicalHeaders(headers: SignedRequest['headers'], headerNames: string[]): string {
  let text = '';
  for (const name of headerNames) text += `${name}:${canonicalHeaderValue(headers[name.toLowerCase()])}\n`;
  return text;
}

function canonicalHeaderValue(value: string | string[] | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return collapseSpaces(value);
  return value.length === 1 ? collapseSpaces(value[0]!) : value.map(collapseSpaces).join(',');
}

const RUNS_OF_SPACE = /[ \t]+/g;

/** Trimmed, with inner runs of spaces and tabs made one space; most values have none to collapse. */
function collapseSpaces(value: string): string {
  const trimmed = value.trim();
  return trimmed.includes('  ') || trimmed.includes('\t') ? trimmed.replace(RUNS_OF_SPACE, ' ') : trimmed;
}

function signedHeaderNames(signedHeaders: string): string[] {
  return signedHeaders.split(';');
}

// ---- encoding and crypto helpers ----

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

function encodeRfc3986(bytes: Buffer): string {
  let encoded = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    encoded += UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

function percentDecode(text: string): Buffer {
  const bytes: number[] = [];
  const raw = Buffer.from(text, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    const hex = raw.subarray(i + 1, i + 3).toString('latin1');
    if (byte === 0x25 && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(byte);
    }
  }
  return Buffer.from(bytes);
}

function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function headerValue(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function signatureMatches(expected: Buffer, providedHex: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(providedHex)) return false;
  return timingSafeEqual(expected, Buffer.from(providedHex, 'hex'));
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256Hex(data: Buffer | string, encoding: 'latin1' | 'utf8' = 'utf8'): string {
  return (typeof data === 'string' ? createHash('sha256').update(data, encoding) : createHash('sha256').update(data)).digest('hex');
}

function incompleteSignature(message: string): OpsdeckError {
  return new OpsdeckError('IncompleteSignatureException', message, 400);
}

function invalidSignature(message: string): OpsdeckError {
  return new OpsdeckError('InvalidSignatureException', message, 400);
}

function badDateFormat(value: string): OpsdeckError {
  return incompleteSignature(
    `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`,
  );
}
