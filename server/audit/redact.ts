/** CloudTrail's own marker for values it will not record. */
export const REDACTED = 'HIDDEN_DUE_TO_SECURITY_REASONS';

// Field names whose values are secrets wherever they appear (case-insensitive).
const SECRET_FIELDS = new Set(['password', 'newpassword', 'secretaccesskey', 'secret', 'activationcode', 'value', 'token', 'sessiontoken', 'privatekey']);

/** A deep copy of request parameters with every secret-bearing field replaced by REDACTED. */
export function redactParameters(parameters: unknown): unknown {
  if (Array.isArray(parameters)) return parameters.map(redactParameters);
  if (parameters === null || typeof parameters !== 'object') return parameters;
  return Object.fromEntries(
    Object.entries(parameters).map(([key, value]) => [key, SECRET_FIELDS.has(key.toLowerCase()) ? REDACTED : redactParameters(value)]),
  );
}
