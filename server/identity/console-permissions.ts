import { allowedActions, type AuthorizationRequest } from './authorize';
import type { Caller } from './caller';

/**
 * What the console shows or hides for a user. The server refuses anyway; this only keeps the
 * console from offering what would be refused.
 */
const CONSOLE_CHECKS = {
  viewFleet: 'ssm:DescribeInstanceInformation',
  viewActivations: 'ssm:DescribeActivations',
  viewResourceGroups: 'resource-groups:ListGroups',
  createActivation: 'ssm:CreateActivation',
  deleteActivation: 'ssm:DeleteActivation',
  manageUsers: 'iam:ListUsers',
  managePolicies: 'iam:ListPolicies',
  simulatePolicies: 'iam:SimulatePrincipalPolicy',
  viewAudit: 'cloudtrail:LookupEvents',
  viewDocuments: 'ssm:ListDocuments',
  editDocuments: 'ssm:CreateDocument',
  viewCommands: 'ssm:ListCommands',
  sendCommands: 'ssm:SendCommand',
  viewParameters: 'ssm:DescribeParameters',
  editParameters: 'ssm:PutParameter',
  viewKeys: 'kms:ListKeys',
  manageKeys: 'kms:CreateKey',
  viewSessions: 'ssm:DescribeSessions',
  startSessions: 'ssm:StartSession',
  viewAutomation: 'ssm:DescribeAutomationExecutions',
  startAutomation: 'ssm:StartAutomationExecution',
  viewMaintenanceWindows: 'ssm:DescribeMaintenanceWindows',
  editMaintenanceWindows: 'ssm:CreateMaintenanceWindow',
  viewAssociations: 'ssm:ListAssociations',
  createAssociations: 'ssm:CreateAssociation',
  viewChangeCalendars: 'ssm:GetCalendarState',
  editChangeCalendars: 'ssm:UpdateDocument',
  viewPatches: 'ssm:DescribeInstancePatchStates',
  viewPatchBaselines: 'ssm:DescribePatchBaselines',
  viewInventory: 'ssm:GetInventory',
  viewCompliance: 'ssm:ListComplianceSummaries',
} as const;

export type ConsolePermissions = Record<keyof typeof CONSOLE_CHECKS, boolean>;

export async function consolePermissions(caller: Caller): Promise<ConsolePermissions> {
  const requests = Object.fromEntries(Object.entries(CONSOLE_CHECKS).map(([key, action]) => [key, { action, resource: '*' }]));
  return allowedActions(caller, requests as Record<keyof typeof CONSOLE_CHECKS, AuthorizationRequest>);
}
