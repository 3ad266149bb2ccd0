import type { ZodError } from 'zod';

/** "cidr: '10.0.0/8' is not a CIDR block", the same words the server answers with. */
export function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}
