import { z } from 'zod';
import { COMPLIANCE_SEVERITIES } from '@/db/schema';
import { nodeIdSchema, PATCH_OPERATIONS, REBOOT_OPTIONS } from '@/agent/protocol';
import { startAssociationOnNodes } from '@/server/associations/service';
import { startAutomationExecution } from '@/server/automation/service';
import { validationError } from '@/server/errors';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { patchNow } from '@/server/patch-manager/patch-now';
import { RATE_PATTERN } from '@/server/runcommand/limits';
import { ASSOCIATION_COMPLIANCE_TYPE } from './association';
import { complianceTypeSchema } from './schemas';
import { failedAssociations, MAX_REMEDIATION_NODES, nonCompliantNodeIds } from './service';

const rate = (member: string) => z.string().regex(RATE_PATTERN, `${member} is a number like 10 or a percentage like 10%`);

/**
 * Which non-compliant nodes to act on: the chosen ones (`nodeIds`), or every node non-compliant
 * for the type and severity in view. Only nodes non-compliant for the action's type are acted on.
 */
const scopeMembers = {
  nodeIds: z.array(nodeIdSchema).min(1).max(MAX_REMEDIATION_NODES, `at most ${MAX_REMEDIATION_NODES} nodes at a time`).optional(),
  complianceType: complianceTypeSchema.optional(),
  overallSeverity: z.enum(COMPLIANCE_SEVERITIES).optional(),
};

export const remediationInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('RunAssociation'), ...scopeMembers }),
  z.object({
    action: z.literal('PatchNow'),
    ...scopeMembers,
    operation: z.enum(PATCH_OPERATIONS, { message: 'operation is Scan or Install' }),
    // Unlike AWS-RunPatchBaseline's own default: a remediation click should not reboot unasked.
    rebootOption: z.enum(REBOOT_OPTIONS, { message: 'rebootOption is RebootIfNeeded or NoReboot' }).default('NoReboot'),
    maxConcurrency: rate('maxConcurrency').default('10%'),
    maxErrors: rate('maxErrors').default('10%'),
  }),
  z.object({
    action: z.literal('StartRunbook'),
    ...scopeMembers,
    documentName: z.string().min(3).max(128),
    /** The runbook parameter each node id goes into (AWS's TargetParameterName), InstanceId in AWS's own runbooks. */
    targetParameterName: z.string().min(1).max(50),
    parameters: z.record(z.string(), z.array(z.string())).optional(),
    maxConcurrency: rate('maxConcurrency').default('10%'),
    maxErrors: rate('maxErrors').default('10%'),
  }),
]);
export type RemediationInput = z.input<typeof remediationInput>;

/** What a remediation started, for the console to link to. */
export type StartedRemediation =
  | { kind: 'association'; associationId: string; associationName: string; executionId: string; nodeIds: string[] }
  | { kind: 'command'; commandId: string; nodeIds: string[] }
  | { kind: 'automation'; executionId: string; nodeIds: string[] };

async function runFailedAssociations(caller: Caller, nodeIds: string[]): Promise<StartedRemediation[]> {
  const started: StartedRemediation[] = [];
  for (const [associationId, failedOn] of await failedAssociations(nodeIds)) {
    const run = await startAssociationOnNodes(caller, associationId, failedOn);
    started.push({ kind: 'association', ...run, nodeIds: failedOn });
  }
  return started;
}

async function patchNodes(caller: Caller, nodeIds: string[], input: Extract<z.output<typeof remediationInput>, { action: 'PatchNow' }>): Promise<StartedRemediation[]> {
  const { commandId } = await patchNow(caller, { nodeIds, operation: input.operation, rebootOption: input.rebootOption, maxConcurrency: input.maxConcurrency, maxErrors: input.maxErrors });
  return [{ kind: 'command', commandId, nodeIds }];
}

async function startRunbook(caller: Caller, nodeIds: string[], input: Extract<z.output<typeof remediationInput>, { action: 'StartRunbook' }>): Promise<StartedRemediation[]> {
  const { executionId } = await startAutomationExecution(
    caller,
    {
      documentName: input.documentName,
      parameters: input.parameters,
      targetParameterName: input.targetParameterName,
      targets: [{ Key: 'ParameterValues', Values: nodeIds }],
      maxConcurrency: input.maxConcurrency,
      maxErrors: input.maxErrors,
    },
    { allowManyTargetValues: true },
  );
  return [{ kind: 'automation', executionId, nodeIds }];
}

const ACTION_TYPE = { RunAssociation: ASSOCIATION_COMPLIANCE_TYPE, PatchNow: 'Patch', StartRunbook: undefined } as const;

/**
 * Remediate: run the failed associations again on their nodes, patch the nodes missing patches, or
 * start a runbook over them. Each thing started is authorised and audited as the caller, as if
 * they had started it themselves.
 */
export async function remediate(caller: Caller, rawInput: RemediationInput): Promise<{ nodeIds: string[]; started: StartedRemediation[] }> {
  const input = remediationInput.parse(rawInput);
  return perform(caller, { name: 'RemediateCompliance', iamAction: 'ssm:ListResourceComplianceSummaries', parameters: input }, async () => {
    const complianceType = ACTION_TYPE[input.action] ?? input.complianceType;
    if (input.complianceType && complianceType !== input.complianceType) throw validationError(`${input.action} remediates ${complianceType} compliance, not ${input.complianceType}`);
    const nodeIds = await nonCompliantNodeIds({ complianceType, overallSeverity: input.overallSeverity, nodeIds: input.nodeIds });
    if (nodeIds.length === 0) throw validationError(`no node in the selection is non-compliant${complianceType ? ` for ${complianceType}` : ''}; there is nothing to remediate`);
    if (nodeIds.length > MAX_REMEDIATION_NODES) throw validationError(`more than ${MAX_REMEDIATION_NODES} nodes are non-compliant here; narrow the selection (by severity or by choosing nodes)`);
    if (input.action === 'RunAssociation') return { nodeIds, started: await runFailedAssociations(caller, nodeIds) };
    if (input.action === 'PatchNow') return { nodeIds, started: await patchNodes(caller, nodeIds, input) };
    return { nodeIds, started: await startRunbook(caller, nodeIds, input) };
  });
}
