/**
 * Policies every installation has, in the spirit of AWS's managed policies. Services attach them
 * by name; they cannot be edited, so a change here changes every principal that has them.
 */
import type { PolicyDocument } from './policy-document';

export interface BuiltinPolicy {
  name: string;
  description: string;
  document: PolicyDocument;
}

export type BuiltinPolicyName = 'AdministratorAccess' | 'ReadOnlyAccess' | 'SessionOperator';

const administratorAccess: BuiltinPolicy = {
  name: 'AdministratorAccess',
  description: 'Full access to every Opsdeck action and resource.',
  document: {
    Version: '2012-10-17',
    Statement: [{ Sid: 'AllowEverything', Effect: 'Allow', Action: '*', Resource: '*' }],
  },
};

// `ssm:Get*` includes ssm:GetParameter(s). This policy only lets a principal read parameters;
// whether a SecureString comes back decrypted is a separate check in the parameters service
// (AWS likewise asks for kms:Decrypt on the key), so ReadOnlyAccess alone does not reveal secrets
// once that check exists. For the same reason it may see keys (kms:Describe*, kms:List*) but not
// use them (kms:Decrypt), as AWS's ReadOnlyAccess.
const readOnlyAccess: BuiltinPolicy = {
  name: 'ReadOnlyAccess',
  description: 'Look at nodes, parameters, documents and sessions in the console and the API without changing anything.',
  document: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadEverything',
        Effect: 'Allow',
        Action: ['ssm:Describe*', 'ssm:Get*', 'ssm:List*', 'resource-groups:Get*', 'resource-groups:List*', 'kms:Describe*', 'kms:List*', 'opsdeck:View*'],
        Resource: '*',
      },
      // Saving a Fleet Manager filter changes nothing in the fleet; each user keeps their own.
      {
        Sid: 'OwnSavedFilters',
        Effect: 'Allow',
        Action: ['opsdeck:ListSavedFilters', 'opsdeck:CreateSavedFilter', 'opsdeck:DeleteSavedFilter'],
        Resource: 'arn:opsdeck:opsdeck:*:*:saved-filter/${aws:username}/*',
      },
    ],
  },
};

// Modelled on AWS's "allow Session Manager on tagged instances" and "end only your own sessions"
// examples; the last statement relies on session ids starting with the user name, as AWS's do.
const sessionOperator: BuiltinPolicy = {
  name: 'SessionOperator',
  description: 'Open shell sessions on nodes tagged Environment=dev, see the fleet, and end or resume your own sessions.',
  document: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'SessionsOnDevNodes',
        Effect: 'Allow',
        Action: ['ssm:StartSession', 'ssm:TerminateSession', 'ssm:ResumeSession'],
        Resource: 'arn:opsdeck:ssm:*:*:managed-instance/*',
        Condition: { StringEquals: { 'ssm:resourceTag/Environment': 'dev' } },
      },
      {
        Sid: 'SeeFleetAndSessions',
        Effect: 'Allow',
        Action: ['ssm:DescribeInstanceInformation', 'ssm:DescribeSessions', 'ssm:GetConnectionStatus', 'opsdeck:View*'],
        Resource: '*',
      },
      {
        Sid: 'EndOrResumeOwnSessions',
        Effect: 'Allow',
        Action: ['ssm:TerminateSession', 'ssm:ResumeSession'],
        Resource: 'arn:opsdeck:ssm:*:*:session/${aws:username}-*',
      },
      {
        Sid: 'OwnSavedFilters',
        Effect: 'Allow',
        Action: ['opsdeck:ListSavedFilters', 'opsdeck:CreateSavedFilter', 'opsdeck:DeleteSavedFilter'],
        Resource: 'arn:opsdeck:opsdeck:*:*:saved-filter/${aws:username}/*',
      },
    ],
  },
};

export const BUILTIN_POLICIES: Readonly<Record<BuiltinPolicyName, BuiltinPolicy>> = {
  AdministratorAccess: administratorAccess,
  ReadOnlyAccess: readOnlyAccess,
  SessionOperator: sessionOperator,
};
