/**
 * PostgreSQL's jsonb stores object keys in its own order (shortest first), so a policy read back
 * would show "Action" before "Effect". The editor puts IAM's elements back in the order people
 * write them; other keys keep their place after those.
 */
const DOCUMENT_ORDER = ['Version', 'Id', 'Statement'];
const STATEMENT_ORDER = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

function ordered(value: unknown, order: string[]): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return Object.fromEntries(entries.sort(([a], [b]) => rank(a) - rank(b)));
}

export function formatPolicyDocument(document: unknown): string {
  const top = ordered(document, DOCUMENT_ORDER) as { Statement?: unknown };
  if (top && typeof top === 'object' && 'Statement' in top) {
    top.Statement = Array.isArray(top.Statement)
      ? top.Statement.map((statement) => ordered(statement, STATEMENT_ORDER))
      : ordered(top.Statement, STATEMENT_ORDER);
  }
  return JSON.stringify(top, null, 2);
}

/** Pretty-prints the text when it is valid JSON; otherwise leaves it for the server to explain. */
export function tidyJson(text: string): string {
  try {
    return formatPolicyDocument(JSON.parse(text));
  } catch {
    return text;
  }
}

export const NEW_POLICY_DOCUMENT = formatPolicyDocument({
  Version: '2012-10-17',
  Statement: [{ Sid: 'ViewFleet', Effect: 'Allow', Action: ['ssm:DescribeInstanceInformation', 'opsdeck:View*'], Resource: '*' }],
});

export const lineCountOf = (text: string) => text.split('\n').length;
