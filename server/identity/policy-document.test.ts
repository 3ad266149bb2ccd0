import { describe, expect, it } from 'vitest';
import { formatPolicyError, parsePolicyDocument, statementsOf, type PolicyError } from './policy-document';

function errorsOf(text: string): PolicyError[] {
  const result = parsePolicyDocument(text);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.document)}`);
  return result.errors;
}

const lines = (...rows: string[]) => rows.join('\n');

describe('parsePolicyDocument: JSON syntax errors', () => {
  it('places a missing comma on the line and column where the comma was expected', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": {',
      '    "Effect": "Allow"',
      '    "Action": "*",',
      '    "Resource": "*"',
      '  }',
      '}',
    );
    const [error] = errorsOf(text);
    expect(error).toMatchObject({ line: 5, column: 5, message: 'expected a comma or closing brace' });
    expect(formatPolicyError(error!)).toBe('line 5, column 5: expected a comma or closing brace');
  });

  it.each([
    { name: 'missing comma in a list', text: '{"Version": "2012-10-17", "Statement": [{} {}]}', line: 1, column: 44, message: 'expected a comma or closing bracket' },
    { name: 'trailing comma in an object', text: lines('{', '  "Version": "2012-10-17",', '}'), line: 2, column: 26, message: 'JSON does not allow a comma before }' },
    { name: 'trailing comma in a list', text: '{"Action": ["ssm:Get*",]}', line: 1, column: 23, message: 'JSON does not allow a comma before ]' },
    { name: 'a comment', text: lines('{', '  // everything', '  "Version": "2012-10-17"', '}'), line: 2, column: 3, message: 'comments are not allowed in a policy document' },
    { name: 'single quotes', text: "{'Version': '2012-10-17'}", line: 1, column: 2, message: `unexpected "'Version'"; JSON strings and property names need double quotes` },
    { name: 'an unclosed string', text: lines('{', '  "Version": "2012-10-17', '}'), line: 2, column: 14, message: 'this string is not closed: expected a closing double quote' },
    { name: 'a missing closing brace', text: '{"Version": "2012-10-17"', line: 1, column: 25, message: 'expected a comma or closing brace' },
    { name: 'an empty document', text: '  \n ', line: 1, column: 1, message: 'the policy document is empty' },
  ])('reports $name at line $line, column $column', ({ text, line, column, message }) => {
    expect(errorsOf(text)[0]).toMatchObject({ line, column, message });
  });

  it('counts lines the same with Windows line endings', () => {
    const text = ['{', '  "Version": "2012-10-17"', '  "Statement": []', '}'].join('\r\n');
    expect(errorsOf(text)[0]).toMatchObject({ line: 3, column: 3 });
  });
});

describe('parsePolicyDocument: structural errors', () => {
  it('reports a lowercase Effect on the line of that property with a precise message', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Effect": "allow",',
      '      "Action": "ssm:GetParameter",',
      '      "Resource": "*"',
      '    }',
      '  ]',
      '}',
    );
    expect(errorsOf(text)).toEqual([
      { line: 5, column: 17, offset: text.indexOf('"allow"'), length: 7, message: 'Statement[0].Effect must be "Allow" or "Deny", not "allow"' },
    ]);
  });

  it('names an unknown condition operator and underlines it', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": {',
      '    "Effect": "Allow", "Action": "ssm:StartSession", "Resource": "*",',
      '    "Condition": {',
      '      "NumericEquals": { "aws:username": "1" }',
      '    }',
      '  }',
      '}',
    );
    const [error] = errorsOf(text);
    expect(error).toMatchObject({ line: 6, column: 7, length: '"NumericEquals"'.length });
    expect(error?.message).toBe(
      'Statement.Condition uses the unsupported operator "NumericEquals"; supported operators are StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringLike, StringNotLike',
    );
  });

  const statement = (body: string) => `{"Version": "2012-10-17", "Statement": [${body}]}`;

  it.each([
    {
      name: 'an action without a service prefix',
      text: statement('{"Effect": "Allow", "Action": ["ssm:Get*", "GetParameter"], "Resource": "*"}'),
      message: 'Statement[0].Action[1] must be an action like ssm:GetParameter, ssm:Get*, opsdeck:* or *, not "GetParameter"',
      at: '"GetParameter"',
    },
    {
      name: 'an ARN from AWS instead of Opsdeck',
      text: statement('{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:ssm:us-east-1:123456789012:parameter/x"}'),
      message: 'Statement[0].Resource must be "*" or an Opsdeck ARN like arn:opsdeck:ssm:us-east-1:123456789012:parameter/prod/db, not "arn:aws:ssm:us-east-1:123456789012:parameter/x"',
      at: '"arn:aws',
    },
    {
      name: 'both Action and NotAction',
      text: statement('{"Effect": "Deny", "Action": "ssm:*", "NotAction": "ssm:Get*", "Resource": "*"}'),
      message: 'Statement[0].NotAction cannot be used together with Action',
      at: '"ssm:Get*"',
    },
    {
      name: 'neither Resource nor NotResource',
      text: statement('{"Effect": "Allow", "Action": "*"}'),
      message: 'Statement[0] must have a Resource or a NotResource',
      at: '{"Effect"',
    },
    {
      name: 'a missing Effect',
      text: statement('{"Action": "*", "Resource": "*"}'),
      message: 'Statement[0].Effect is required and must be "Allow" or "Deny"',
      at: '{"Action"',
    },
    {
      name: 'a Principal',
      text: statement('{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}'),
      message: 'Statement[0] has a Principal, which identity policies do not take',
      at: '"Principal"',
    },
    {
      name: 'a malformed condition key',
      text: statement('{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringLike": {"Environment": "dev"}}}'),
      message:
        'Statement[0].Condition.StringLike key "Environment" is not a condition key; condition keys look like aws:username or ssm:resourceTag/Environment',
      at: '"Environment"',
    },
    {
      name: 'a number as a condition value',
      text: statement('{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:username": ["ann", 7]}}}'),
      message: 'Statement[0].Condition.StringEquals["aws:username"][1] must be a string, not 7',
      at: '7]',
    },
    {
      name: 'a repeated Sid',
      text: statement('{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "A", "Effect": "Deny", "Action": "*", "Resource": "*"}'),
      message: 'Statement[1].Sid repeats the Sid "A" of Statement[0]; Sids must be unique within a policy',
      at: '"A", "Effect": "Deny"',
    },
    {
      name: 'a key written twice',
      text: statement('{"Effect": "Allow", "Effect": "Deny", "Action": "*", "Resource": "*"}'),
      message: 'Statement[0] has "Effect" twice',
      at: '"Effect": "Deny"',
    },
    {
      name: 'an old Version',
      text: '{"Version": "2008-10-17", "Statement": []}',
      message: 'Version must be "2012-10-17", not "2008-10-17"',
      at: '"2008-10-17"',
    },
    {
      name: 'an empty Statement list',
      text: '{"Version": "2012-10-17", "Statement": []}',
      message: 'Statement must contain at least one statement',
      at: '[]',
    },
    {
      name: 'a document that is not an object',
      text: '["Allow"]',
      message: 'The policy document must be a JSON object, not a list',
      at: '["Allow"]',
    },
  ])('reports $name where it is', ({ text, message, at }) => {
    const [error] = errorsOf(text);
    expect(error?.message).toBe(message);
    expect(error?.offset).toBe(text.indexOf(at));
  });

  it('reports every problem, in document order', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    { "Effect": "Permit", "Action": "*", "Resource": "*" },',
      '    { "Effect": "Allow", "Action": "ssm Get", "Resource": "*" }',
      '  ]',
      '}',
    );
    expect(errorsOf(text).map(formatPolicyError)).toEqual([
      'line 4, column 17: Statement[0].Effect must be "Allow" or "Deny", not "Permit"',
      'line 5, column 36: Statement[1].Action must be an action like ssm:GetParameter, ssm:Get*, opsdeck:* or *, not "ssm Get"',
    ]);
  });
});

describe('parsePolicyDocument: valid documents', () => {
  it.each([
    {
      name: 'a single statement object',
      document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
    },
    {
      name: 'statement lists with Sids and an Id',
      document: {
        Version: '2012-10-17',
        Id: 'parameters',
        Statement: [
          { Sid: 'Read', Effect: 'Allow', Action: ['ssm:Get*', 'ssm:Describe*'], Resource: 'arn:opsdeck:ssm:us-east-1:123456789012:parameter/prod/*' },
          { Sid: 'NoWrites', Effect: 'Deny', NotAction: 'ssm:Get*', NotResource: ['arn:opsdeck:ssm:*:*:parameter/dev/*'] },
        ],
      },
    },
    {
      name: 'every condition operator and a policy variable',
      document: {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Action: 'ssm:StartSession',
          Resource: 'arn:opsdeck:ssm:*:*:session/${aws:username}-*',
          Condition: {
            StringEquals: { 'ssm:resourceTag/Environment': ['dev', 'test'] },
            StringNotEquals: { 'aws:username': 'root' },
            StringEqualsIgnoreCase: { 'ssm:resourceTag/Team': 'Ops' },
            StringLike: { 'ssm:resourceTag/Owner': '${aws:username}*' },
            StringNotLike: { 'ssm:resourceTag/Name': 'prod-?' },
          },
        },
      },
    },
  ])('accepts $name and round-trips it', ({ document }) => {
    for (const text of [JSON.stringify(document), JSON.stringify(document, null, 2)]) {
      const result = parsePolicyDocument(text);
      expect(result).toEqual({ ok: true, document });
      if (result.ok) expect(parsePolicyDocument(JSON.stringify(result.document))).toEqual(result);
    }
  });

  it('lists the statements of either form', () => {
    const statement = { Effect: 'Allow' as const, Action: '*', Resource: '*' };
    expect(statementsOf({ Version: '2012-10-17', Statement: statement })).toEqual([statement]);
    expect(statementsOf({ Version: '2012-10-17', Statement: [statement, statement] })).toHaveLength(2);
  });
});
