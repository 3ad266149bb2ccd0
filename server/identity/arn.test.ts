import { describe, expect, it } from 'vitest';
import {
  activationArn,
  documentArn,
  groupArn,
  nodeArn,
  parameterArn,
  parseArn,
  policyArn,
  resourceArn,
  sessionArn,
  userArn,
} from './arn';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';

describe('ARN builders', () => {
  it.each([
    { name: 'node', arn: nodeArn(REGION, ACCOUNT, 'mi-0123456789abcdef0'), expected: 'arn:opsdeck:ssm:eu-west-1:123456789012:managed-instance/mi-0123456789abcdef0' },
    { name: 'hierarchical parameter', arn: parameterArn(REGION, ACCOUNT, '/prod/db'), expected: 'arn:opsdeck:ssm:eu-west-1:123456789012:parameter/prod/db' },
    { name: 'flat parameter', arn: parameterArn(REGION, ACCOUNT, 'prod-db'), expected: 'arn:opsdeck:ssm:eu-west-1:123456789012:parameter/prod-db' },
    { name: 'document', arn: documentArn(REGION, ACCOUNT, 'AWS-RunShellScript'), expected: 'arn:opsdeck:ssm:eu-west-1:123456789012:document/AWS-RunShellScript' },
    {
      name: 'activation',
      arn: activationArn(REGION, ACCOUNT, '8c1b5e0a-1111-4222-8333-944455556666'),
      expected: 'arn:opsdeck:ssm:eu-west-1:123456789012:activation/8c1b5e0a-1111-4222-8333-944455556666',
    },
    { name: 'session', arn: sessionArn(REGION, ACCOUNT, 'ann-0a1b2c3d4e5f67890'), expected: 'arn:opsdeck:ssm:eu-west-1:123456789012:session/ann-0a1b2c3d4e5f67890' },
    { name: 'generic resource', arn: resourceArn(REGION, ACCOUNT, 'association', 'abc'), expected: 'arn:opsdeck:ssm:eu-west-1:123456789012:association/abc' },
    { name: 'IAM user (global, no region)', arn: userArn(ACCOUNT, 'ann'), expected: 'arn:opsdeck:iam::123456789012:user/ann' },
    { name: 'IAM group', arn: groupArn(ACCOUNT, 'Operators'), expected: 'arn:opsdeck:iam::123456789012:group/Operators' },
    { name: 'IAM policy', arn: policyArn(ACCOUNT, 'SessionOperator'), expected: 'arn:opsdeck:iam::123456789012:policy/SessionOperator' },
  ])('names a $name', ({ arn, expected }) => {
    expect(arn).toBe(expected);
  });
});

describe('parseArn', () => {
  it('splits an ARN and keeps slashes in the resource id', () => {
    expect(parseArn(parameterArn(REGION, ACCOUNT, '/prod/db/password'))).toEqual({
      partition: 'opsdeck',
      service: 'ssm',
      region: REGION,
      account: ACCOUNT,
      resourceType: 'parameter',
      resourceId: 'prod/db/password',
    });
  });

  it.each([
    userArn(ACCOUNT, 'ann'),
    groupArn(ACCOUNT, 'Operators'),
    nodeArn(REGION, ACCOUNT, 'mi-0123456789abcdef0'),
    'arn:opsdeck:ssm:us-east-1::document/AWS-RunShellScript',
    'arn:opsdeck:ssm:us-east-1:123456789012:parameter/with:colon',
  ])('accepts %s', (arn) => {
    expect(parseArn(arn).partition).toBe('opsdeck');
  });

  it.each([
    { arn: 'mi-0123456789abcdef0', reason: /an ARN looks like arn:opsdeck:ssm:/ },
    { arn: 'arn:aws:ssm:us-east-1:123456789012:parameter/x', reason: /the partition must be "opsdeck", not "aws"/ },
    { arn: 'arn:opsdeck:SSM:us-east-1:123456789012:parameter/x', reason: /the service must be lowercase/ },
    { arn: 'arn:opsdeck:ssm:moon:123456789012:parameter/x', reason: /the region must look like us-east-1/ },
    { arn: 'arn:opsdeck:iam:us-east-1:123456789012:user/ann', reason: /iam ARNs have an empty region/ },
    { arn: 'arn:opsdeck:ssm:us-east-1:1234:parameter/x', reason: /the account must be 12 digits/ },
    { arn: 'arn:opsdeck:ssm:us-east-1:123456789012:parameter', reason: /the resource must look like <type>\/<id>/ },
    { arn: 'arn:opsdeck:ssm:us-east-1:123456789012:parameter/', reason: /the resource must look like <type>\/<id>/ },
    { arn: 'arn:opsdeck:ssm:us-east-1:123456789012:session/ann\nforged', reason: /control characters/ },
  ])('refuses $arn', ({ arn, reason }) => {
    expect(() => parseArn(arn)).toThrowError(reason);
    expect(() => parseArn(arn)).toThrowError(expect.objectContaining({ code: 'ValidationException' }));
  });
});
