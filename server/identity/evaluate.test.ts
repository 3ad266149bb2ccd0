import { describe, expect, it } from 'vitest';
import { nodeArn, parameterArn, sessionArn } from './arn';
import { BUILTIN_POLICIES } from './builtin-policies';
import { evaluate, type AuthorizationRequest, type Decision, type EvaluationResult, type NamedPolicy, type RequestContext } from './evaluate';
import { parsePolicyDocument, type PolicyCondition, type PolicyStatement } from './policy-document';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const NODE = nodeArn(REGION, ACCOUNT, 'mi-0123456789abcdef0');
const param = (name: string) => parameterArn(REGION, ACCOUNT, name);
const session = (id: string) => sessionArn(REGION, ACCOUNT, id);

const policy = (name: string, ...statements: PolicyStatement[]): NamedPolicy => ({ name, document: { Version: '2012-10-17', Statement: statements } });
const request = (action: string, resource: string, context: RequestContext = {}): AuthorizationRequest => ({ action, resource, context });
const allow = (statement: Omit<PolicyStatement, 'Effect'>): PolicyStatement => ({ Effect: 'Allow', ...statement });
const deny = (statement: Omit<PolicyStatement, 'Effect'>): PolicyStatement => ({ Effect: 'Deny', ...statement });

const ADMIN = policy('Admin', allow({ Sid: 'All', Action: '*', Resource: '*' }));
const SESSION_OPERATOR: NamedPolicy = BUILTIN_POLICIES.SessionOperator;
const READ_ONLY: NamedPolicy = BUILTIN_POLICIES.ReadOnlyAccess;

interface Case {
  name: string;
  policies: NamedPolicy[];
  request: AuthorizationRequest;
  expected: EvaluationResult;
}

const IMPLICIT_DENY: EvaluationResult = { decision: 'ImplicitDeny' };
const allowedBy = (policyName: string, index: number, sid?: string): EvaluationResult => ({
  decision: 'Allow',
  matchedStatement: { policyName, index, effect: 'Allow', ...(sid ? { sid } : {}) },
});
const deniedBy = (policyName: string, index: number, sid?: string): EvaluationResult => ({
  decision: 'ExplicitDeny',
  matchedStatement: { policyName, index, effect: 'Deny', ...(sid ? { sid } : {}) },
});

function runCases(cases: Case[]) {
  it.each(cases)('$name', ({ policies, request: req, expected }) => {
    expect(evaluate(req, policies)).toEqual(expected);
  });
}

describe('evaluate: decisions', () => {
  const readProd = policy('ReadProd', allow({ Sid: 'Read', Action: 'ssm:GetParameter', Resource: param('/prod/*') }));
  const denyProd = policy('DenyProd', deny({ Sid: 'NoProd', Action: 'ssm:*', Resource: param('/prod/*') }));

  runCases([
    { name: 'a matching Allow allows', policies: [readProd], request: request('ssm:GetParameter', param('/prod/db')), expected: allowedBy('ReadProd', 0, 'Read') },
    { name: 'no policies: implicit deny', policies: [], request: request('ssm:GetParameter', param('/prod/db')), expected: IMPLICIT_DENY },
    { name: 'no matching statement: implicit deny', policies: [readProd], request: request('ssm:PutParameter', param('/prod/db')), expected: IMPLICIT_DENY },
    { name: 'an explicit Deny in a second policy beats an Allow in the first', policies: [ADMIN, denyProd], request: request('ssm:GetParameter', param('/prod/db')), expected: deniedBy('DenyProd', 0, 'NoProd') },
    { name: 'an explicit Deny in the first policy beats an Allow in the second', policies: [denyProd, ADMIN], request: request('ssm:GetParameter', param('/prod/db')), expected: deniedBy('DenyProd', 0, 'NoProd') },
    { name: 'a Deny that does not match leaves the Allow standing', policies: [ADMIN, denyProd], request: request('ssm:GetParameter', param('/dev/db')), expected: allowedBy('Admin', 0, 'All') },
    {
      name: 'the Deny statement decides even when it comes after Allows in the same policy',
      policies: [policy('Mixed', allow({ Action: '*', Resource: '*' }), allow({ Sid: 'Again', Action: 'ssm:*', Resource: '*' }), deny({ Sid: 'NoDeletes', Action: 'ssm:Delete*', Resource: '*' }))],
      request: request('ssm:DeleteParameter', param('/x')),
      expected: deniedBy('Mixed', 2, 'NoDeletes'),
    },
    {
      name: 'the first matching Allow is reported, without a sid when it has none',
      policies: [policy('First', allow({ Action: 'ssm:Get*', Resource: '*' })), policy('Second', allow({ Sid: 'Also', Action: '*', Resource: '*' }))],
      request: request('ssm:GetParameter', param('/x')),
      expected: allowedBy('First', 0),
    },
    {
      name: 'a single statement object is index 0',
      policies: [{ name: 'Single', document: { Version: '2012-10-17', Statement: { Sid: 'Only', Effect: 'Deny', Action: '*', Resource: '*' } } }],
      request: request('ssm:GetParameter', param('/x')),
      expected: deniedBy('Single', 0, 'Only'),
    },
  ]);
});

describe('evaluate: Action wildcards (case-insensitive)', () => {
  it.each([
    { pattern: 'ssm:Get*', action: 'ssm:GetParameter', isAllowed: true },
    { pattern: 'ssm:Get*', action: 'ssm:GetParametersByPath', isAllowed: true },
    { pattern: 'ssm:Get*', action: 'ssm:PutParameter', isAllowed: false },
    { pattern: 'ssm:Get*', action: 'SSM:getparameter', isAllowed: true },
    { pattern: 'SSM:GETPARAMETER', action: 'ssm:GetParameter', isAllowed: true },
    { pattern: 'ssm:Get*', action: 'opsdeck:GetThing', isAllowed: false },
    { pattern: 'ssm:?etParameter', action: 'ssm:GetParameter', isAllowed: true },
    { pattern: 'ssm:?etParameter', action: 'ssm:GetParameters', isAllowed: false },
    { pattern: 'ssm:*Session', action: 'ssm:StartSession', isAllowed: true },
    { pattern: 'opsdeck:*', action: 'opsdeck:ViewFleet', isAllowed: true },
    { pattern: 'opsdeck:*', action: 'ssm:StartSession', isAllowed: false },
    { pattern: '*', action: 'anything:AtAll', isAllowed: true },
  ])('$pattern on $action: $isAllowed', ({ pattern, action, isAllowed }) => {
    const result = evaluate(request(action, '*'), [policy('P', allow({ Action: pattern, Resource: '*' }))]);
    expect(result.decision).toBe(isAllowed ? 'Allow' : 'ImplicitDeny');
  });
});

describe('evaluate: Resource wildcards (case-sensitive)', () => {
  it.each([
    { pattern: param('/prod/*'), resource: param('/prod/db/password'), isAllowed: true },
    { pattern: param('/prod/*'), resource: param('/dev/x'), isAllowed: false },
    { pattern: param('/prod/*'), resource: param('/prod'), isAllowed: false },
    { pattern: param('/prod/*'), resource: param('/PROD/db'), isAllowed: false },
    { pattern: param('/prod/db?'), resource: param('/prod/db1'), isAllowed: true },
    { pattern: param('/prod/db?'), resource: param('/prod/db10'), isAllowed: false },
    { pattern: 'arn:opsdeck:ssm:*:*:managed-instance/*', resource: NODE, isAllowed: true },
    { pattern: 'arn:opsdeck:ssm:*:*:managed-instance/*', resource: param('/managed-instance/x'), isAllowed: false },
    // `*` crosses `:` and `/`, as in IAM.
    { pattern: 'arn:opsdeck:*', resource: param('/a/b'), isAllowed: true },
    { pattern: 'arn:opsdeck:ssm:*/db', resource: param('/prod/db'), isAllowed: true },
    { pattern: '*', resource: NODE, isAllowed: true },
  ])('$pattern on $resource: $isAllowed', ({ pattern, resource, isAllowed }) => {
    const result = evaluate(request('ssm:GetParameter', resource), [policy('P', allow({ Action: 'ssm:*', Resource: pattern }))]);
    expect(result.decision).toBe(isAllowed ? 'Allow' : 'ImplicitDeny');
  });
});

describe('evaluate: NotAction and NotResource', () => {
  const allButDeletes = policy('AllButDeletes', allow({ NotAction: 'ssm:Delete*', Resource: '*' }));
  const adminExceptReads = policy('OnlyReads', deny({ Sid: 'NothingButReads', NotAction: ['ssm:Get*', 'ssm:Describe*'], Resource: '*' }));
  const notProd = policy('NotProd', allow({ Action: 'ssm:*', NotResource: param('/prod/*') }));

  runCases([
    { name: 'NotAction allows what it does not name', policies: [allButDeletes], request: request('ssm:GetParameter', param('/x')), expected: allowedBy('AllButDeletes', 0) },
    { name: 'NotAction does not allow what it names', policies: [allButDeletes], request: request('ssm:DeleteParameter', param('/x')), expected: IMPLICIT_DENY },
    { name: 'a Deny with NotAction denies everything else', policies: [ADMIN, adminExceptReads], request: request('ssm:PutParameter', param('/x')), expected: deniedBy('OnlyReads', 0, 'NothingButReads') },
    { name: 'a Deny with NotAction leaves the named actions allowed', policies: [ADMIN, adminExceptReads], request: request('ssm:describeparameters', '*'), expected: allowedBy('Admin', 0, 'All') },
    { name: 'NotResource allows other resources', policies: [notProd], request: request('ssm:PutParameter', param('/dev/db')), expected: allowedBy('NotProd', 0) },
    { name: 'NotResource does not allow the named resources', policies: [notProd], request: request('ssm:PutParameter', param('/prod/db')), expected: IMPLICIT_DENY },
  ]);
});

describe('evaluate: resource tag conditions (SessionOperator)', () => {
  const startOn = (context: RequestContext) => request('ssm:StartSession', NODE, context);

  runCases([
    { name: 'may start a session on a node tagged Environment=dev', policies: [SESSION_OPERATOR], request: startOn({ 'ssm:resourceTag/Environment': 'dev' }), expected: allowedBy('SessionOperator', 0, 'SessionsOnDevNodes') },
    { name: 'may not on a node tagged Environment=prod', policies: [SESSION_OPERATOR], request: startOn({ 'ssm:resourceTag/Environment': 'prod' }), expected: IMPLICIT_DENY },
    { name: 'may not on a node without the tag', policies: [SESSION_OPERATOR], request: startOn({}), expected: IMPLICIT_DENY },
    { name: 'may not on a node whose tag is explicitly undefined', policies: [SESSION_OPERATOR], request: startOn({ 'ssm:resourceTag/Environment': undefined }), expected: IMPLICIT_DENY },
    { name: 'tag values compare case-sensitively under StringEquals', policies: [SESSION_OPERATOR], request: startOn({ 'ssm:resourceTag/Environment': 'Dev' }), expected: IMPLICIT_DENY },
    { name: 'the ssm:resourceTag/ prefix is case-insensitive', policies: [SESSION_OPERATOR], request: startOn({ 'SSM:ResourceTag/Environment': 'dev' }), expected: allowedBy('SessionOperator', 0, 'SessionsOnDevNodes') },
    { name: 'the tag key after the slash is case-sensitive', policies: [SESSION_OPERATOR], request: startOn({ 'ssm:resourceTag/environment': 'dev' }), expected: IMPLICIT_DENY },
    { name: 'a dev tag does not open sessions on other resource types', policies: [SESSION_OPERATOR], request: request('ssm:StartSession', param('/dev'), { 'ssm:resourceTag/Environment': 'dev' }), expected: IMPLICIT_DENY },
    { name: 'may list the fleet', policies: [SESSION_OPERATOR], request: request('ssm:DescribeInstanceInformation', '*'), expected: allowedBy('SessionOperator', 1, 'SeeFleetAndSessions') },
    { name: 'may view the console', policies: [SESSION_OPERATOR], request: request('opsdeck:ViewFleet', '*'), expected: allowedBy('SessionOperator', 1, 'SeeFleetAndSessions') },
    { name: 'may not read parameters', policies: [SESSION_OPERATOR], request: request('ssm:GetParameter', param('/dev/db')), expected: IMPLICIT_DENY },
  ]);
});

describe('evaluate: aws:username and ${aws:username}', () => {
  const terminate = (sessionId: string, context: RequestContext) => request('ssm:TerminateSession', session(sessionId), context);

  runCases([
    { name: 'may end their own session', policies: [SESSION_OPERATOR], request: terminate('ann-0a1b2c3d', { 'aws:username': 'ann' }), expected: allowedBy('SessionOperator', 2, 'EndOrResumeOwnSessions') },
    { name: 'may not end another user’s session', policies: [SESSION_OPERATOR], request: terminate('bob-0a1b2c3d', { 'aws:username': 'ann' }), expected: IMPLICIT_DENY },
    { name: 'a user name that is a prefix of another does not reach its sessions', policies: [SESSION_OPERATOR], request: terminate('annabel-0a1b2c3d', { 'aws:username': 'ann' }), expected: IMPLICIT_DENY },
    { name: 'a user name is substituted literally, so "*" is no wildcard', policies: [SESSION_OPERATOR], request: terminate('bob-0a1b2c3d', { 'aws:username': '*' }), expected: IMPLICIT_DENY },
    { name: 'without a user name the statement does not apply', policies: [SESSION_OPERATOR], request: terminate('ann-0a1b2c3d', {}), expected: IMPLICIT_DENY },
    { name: 'aws: keys are case-insensitive in the variable', policies: [SESSION_OPERATOR], request: terminate('ann-0a1b2c3d', { 'AWS:UserName': 'ann' }), expected: allowedBy('SessionOperator', 2, 'EndOrResumeOwnSessions') },
  ]);

  const ownNodes = policy('OwnNodes', allow({ Action: 'ssm:StartSession', Resource: '*', Condition: { StringEquals: { 'ssm:resourceTag/Owner': '${aws:username}' } } }));
  const notRoot = policy('NotRoot', allow({ Action: '*', Resource: '*', Condition: { StringNotEquals: { 'AWS:USERNAME': 'root' } } }));
  const withDefault = policy('WithDefault', allow({ Action: '*', Resource: '*', Condition: { StringEquals: { 'ssm:resourceTag/Owner': "${aws:username, 'nobody'}" } } }));
  const denyOthers = policy('DenyOthers', deny({ Action: '*', NotResource: session('${aws:username}-*') }));

  runCases([
    { name: 'a condition value takes the user name', policies: [ownNodes], request: request('ssm:StartSession', NODE, { 'aws:username': 'ann', 'ssm:resourceTag/Owner': 'ann' }), expected: allowedBy('OwnNodes', 0) },
    { name: 'and refuses someone else’s node', policies: [ownNodes], request: request('ssm:StartSession', NODE, { 'aws:username': 'ann', 'ssm:resourceTag/Owner': 'bob' }), expected: IMPLICIT_DENY },
    { name: 'a condition on aws:username with the key in any case', policies: [notRoot], request: request('ssm:GetParameter', param('/x'), { 'aws:username': 'ann' }), expected: allowedBy('NotRoot', 0) },
    { name: 'and refuses the named user', policies: [notRoot], request: request('ssm:GetParameter', param('/x'), { 'aws:username': 'root' }), expected: IMPLICIT_DENY },
    { name: 'a default stands in for a missing variable', policies: [withDefault], request: request('ssm:GetParameter', param('/x'), { 'ssm:resourceTag/Owner': 'nobody' }), expected: allowedBy('WithDefault', 0) },
    { name: 'a Deny with an unresolvable variable does not apply either (AWS voids the statement)', policies: [ADMIN, denyOthers], request: request('ssm:GetParameter', param('/x')), expected: allowedBy('Admin', 0, 'All') },
    { name: 'that Deny applies once the variable resolves', policies: [ADMIN, denyOthers], request: request('ssm:GetParameter', param('/x'), { 'aws:username': 'ann' }), expected: deniedBy('DenyOthers', 0) },
  ]);
});

describe('evaluate: condition operators', () => {
  const decide = (condition: PolicyCondition, context: RequestContext) =>
    evaluate(request('ssm:StartSession', NODE, context), [policy('P', allow({ Action: '*', Resource: '*', Condition: condition }))]).decision;

  const cases: { name: string; condition: PolicyCondition; context: RequestContext; decision: Decision }[] = [
    { name: 'StringLike with *', condition: { StringLike: { 'aws:username': 'ops-*' } }, context: { 'aws:username': 'ops-ann' }, decision: 'Allow' },
    { name: 'StringLike with * on another prefix', condition: { StringLike: { 'aws:username': 'ops-*' } }, context: { 'aws:username': 'dev-ann' }, decision: 'ImplicitDeny' },
    { name: 'StringLike with ?', condition: { StringLike: { 'ssm:resourceTag/Name': 'web-?' } }, context: { 'ssm:resourceTag/Name': 'web-1' }, decision: 'Allow' },
    { name: 'StringLike with ? needs exactly one character', condition: { StringLike: { 'ssm:resourceTag/Name': 'web-?' } }, context: { 'ssm:resourceTag/Name': 'web-12' }, decision: 'ImplicitDeny' },
    { name: 'StringLike is case-sensitive', condition: { StringLike: { 'aws:username': 'ops-*' } }, context: { 'aws:username': 'OPS-ann' }, decision: 'ImplicitDeny' },
    { name: 'StringLike with ${*} is a literal star', condition: { StringLike: { 'ssm:resourceTag/Name': 'a${*}' } }, context: { 'ssm:resourceTag/Name': 'ab' }, decision: 'ImplicitDeny' },
    { name: 'StringLike with ${*} matches a star', condition: { StringLike: { 'ssm:resourceTag/Name': 'a${*}' } }, context: { 'ssm:resourceTag/Name': 'a*' }, decision: 'Allow' },
    { name: 'StringEquals takes * literally', condition: { StringEquals: { 'ssm:resourceTag/Name': 'web-*' } }, context: { 'ssm:resourceTag/Name': 'web-1' }, decision: 'ImplicitDeny' },
    { name: 'StringNotLike', condition: { StringNotLike: { 'ssm:resourceTag/Environment': 'prod*' } }, context: { 'ssm:resourceTag/Environment': 'dev' }, decision: 'Allow' },
    { name: 'StringNotLike refuses a match', condition: { StringNotLike: { 'ssm:resourceTag/Environment': 'prod*' } }, context: { 'ssm:resourceTag/Environment': 'production' }, decision: 'ImplicitDeny' },
    // AWS: a negated operator holds when the key is missing from the request.
    { name: 'StringNotEquals holds for a missing key', condition: { StringNotEquals: { 'ssm:resourceTag/Environment': 'prod' } }, context: {}, decision: 'Allow' },
    { name: 'StringNotLike holds for a missing key', condition: { StringNotLike: { 'ssm:resourceTag/Environment': 'prod*' } }, context: {}, decision: 'Allow' },
    { name: 'StringNotEquals with several values excludes all of them', condition: { StringNotEquals: { 'ssm:resourceTag/Environment': ['prod', 'staging'] } }, context: { 'ssm:resourceTag/Environment': 'staging' }, decision: 'ImplicitDeny' },
    { name: 'StringEqualsIgnoreCase', condition: { StringEqualsIgnoreCase: { 'ssm:resourceTag/Environment': 'DEV' } }, context: { 'ssm:resourceTag/Environment': 'dev' }, decision: 'Allow' },
    { name: 'values of one key are OR’ed', condition: { StringEquals: { 'ssm:resourceTag/Environment': ['dev', 'test'] } }, context: { 'ssm:resourceTag/Environment': 'test' }, decision: 'Allow' },
    {
      name: 'keys of one operator are AND’ed',
      condition: { StringEquals: { 'ssm:resourceTag/Environment': 'dev', 'ssm:resourceTag/Team': 'ops' } },
      context: { 'ssm:resourceTag/Environment': 'dev' },
      decision: 'ImplicitDeny',
    },
    {
      name: 'operators are AND’ed',
      condition: { StringEquals: { 'ssm:resourceTag/Environment': 'dev' }, StringLike: { 'aws:username': 'ops-*' } },
      context: { 'ssm:resourceTag/Environment': 'dev', 'aws:username': 'ann' },
      decision: 'ImplicitDeny',
    },
    {
      name: 'all operators and keys holding allows',
      condition: { StringEquals: { 'ssm:resourceTag/Environment': 'dev' }, StringLike: { 'aws:username': 'ops-*' } },
      context: { 'ssm:resourceTag/Environment': 'dev', 'aws:username': 'ops-ann' },
      decision: 'Allow',
    },
    { name: 'a multi-valued context key matches when any value does', condition: { StringEquals: { 'opsdeck:groups': 'operators' } }, context: { 'opsdeck:groups': ['readers', 'operators'] }, decision: 'Allow' },
    { name: 'a multi-valued key under a negated operator needs none to match', condition: { StringNotEquals: { 'opsdeck:groups': 'banned' } }, context: { 'opsdeck:groups': ['readers', 'banned'] }, decision: 'ImplicitDeny' },
  ];
  it.each(cases)('$name: $decision', ({ condition, context, decision }) => {
    expect(decide(condition, context)).toBe(decision);
  });
});

describe('BUILTIN_POLICIES', () => {
  it.each(Object.entries(BUILTIN_POLICIES))('%s is named after its key and parses from its JSON', (key, builtin) => {
    expect(builtin.name).toBe(key);
    expect(builtin.description).not.toBe('');
    expect(parsePolicyDocument(JSON.stringify(builtin.document, null, 2))).toEqual({ ok: true, document: builtin.document });
  });

  it.each([
    { action: 'ssm:DeleteParameter', resource: param('/prod/db'), isAllowed: true },
    { action: 'iam:CreateUser', resource: '*', isAllowed: true },
  ])('AdministratorAccess allows $action', ({ action, resource, isAllowed }) => {
    expect(evaluate(request(action, resource), [BUILTIN_POLICIES.AdministratorAccess]).decision).toBe(isAllowed ? 'Allow' : 'ImplicitDeny');
  });

  it.each([
    { action: 'ssm:GetParameter', resource: param('/prod/db'), isAllowed: true },
    { action: 'ssm:DescribeInstanceInformation', resource: '*', isAllowed: true },
    { action: 'ssm:ListDocuments', resource: '*', isAllowed: true },
    { action: 'opsdeck:ViewParameters', resource: '*', isAllowed: true },
    { action: 'ssm:PutParameter', resource: param('/prod/db'), isAllowed: false },
    { action: 'ssm:StartSession', resource: NODE, isAllowed: false },
    { action: 'ssm:SendCommand', resource: NODE, isAllowed: false },
  ])('ReadOnlyAccess on $action: $isAllowed', ({ action, resource, isAllowed }) => {
    expect(evaluate(request(action, resource), [READ_ONLY]).decision).toBe(isAllowed ? 'Allow' : 'ImplicitDeny');
  });
});
