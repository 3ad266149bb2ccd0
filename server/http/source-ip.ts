import type { IncomingMessage } from 'node:http';

export const SOURCE_IP_HEADER = 'x-opsdeck-source-ip';

/**
 * Records the TCP peer's address on the request for the audit trail. Any value a client sent
 * under the same name is overwritten, so it cannot be forged.
 */
export function stampSourceIp(req: IncomingMessage): string {
  const address = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
  req.headers[SOURCE_IP_HEADER] = address;
  return address;
}
