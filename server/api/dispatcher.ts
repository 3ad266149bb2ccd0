import { ZodError } from 'zod';
import { OpsdeckError } from '@/server/errors';
import { recordAuditEvent } from '@/server/audit/service';
import type { Caller } from '@/server/identity/caller';
import type { ApiOperation } from './operation';
import { CreateActivation, DeleteActivation, DescribeActivations } from './operations/activations';
import { DeregisterManagedInstance, DescribeInstanceInformation } from './operations/instances';
import { CancelCommand, GetCommandInvocation, ListCommandInvocations, ListCommands, SendCommand } from './operations/commands';
import {
  CreateDocument,
  DeleteDocument,
  DescribeDocument,
  GetDocument,
  ListDocuments,
  ListDocumentVersions,
  UpdateDocument,
  UpdateDocumentDefaultVersion,
} from './operations/documents';
import { AddTagsToResource, ListTagsForResource, RemoveTagsFromResource } from './operations/tags';
import { GetCalendarState } from './operations/change-calendar';
import {
  DeleteParameter,
  DeleteParameters,
  DescribeParameters,
  GetParameter,
  GetParameterHistory,
  GetParameters,
  GetParametersByPath,
  LabelParameterVersion,
  PutParameter,
  UnlabelParameterVersion,
} from './operations/parameters';
import { DescribeSessions, ResumeSession, StartSession, TerminateSession } from './operations/sessions';
import {
  DescribeAutomationExecutions,
  DescribeAutomationStepExecutions,
  GetAutomationExecution,
  SendAutomationSignal,
  StartAutomationExecution,
  StopAutomationExecution,
} from './operations/automation';
import {
  CreateMaintenanceWindow,
  DeleteMaintenanceWindow,
  DeregisterTargetFromMaintenanceWindow,
  DeregisterTaskFromMaintenanceWindow,
  DescribeMaintenanceWindowExecutionTaskInvocations,
  DescribeMaintenanceWindowExecutionTasks,
  DescribeMaintenanceWindowExecutions,
  DescribeMaintenanceWindowSchedule,
  DescribeMaintenanceWindowTargets,
  DescribeMaintenanceWindowTasks,
  DescribeMaintenanceWindows,
  GetMaintenanceWindow,
  GetMaintenanceWindowExecution,
  GetMaintenanceWindowTask,
  RegisterTargetWithMaintenanceWindow,
  RegisterTaskWithMaintenanceWindow,
  UpdateMaintenanceWindow,
} from './operations/maintenance-windows';
import {
  CreateAssociation,
  CreateAssociationBatch,
  DeleteAssociation,
  DescribeAssociation,
  DescribeAssociationExecutions,
  DescribeAssociationExecutionTargets,
  ListAssociations,
  ListAssociationVersions,
  StartAssociationsOnce,
  UpdateAssociation,
} from './operations/associations';
import {
  CreatePatchBaseline,
  DeletePatchBaseline,
  DeregisterPatchBaselineForPatchGroup,
  DescribePatchBaselines,
  DescribePatchGroups,
  GetDefaultPatchBaseline,
  GetPatchBaseline,
  GetPatchBaselineForPatchGroup,
  RegisterDefaultPatchBaseline,
  RegisterPatchBaselineForPatchGroup,
  UpdatePatchBaseline,
} from './operations/patch-baselines';
import {
  DescribeAvailablePatches,
  DescribeEffectivePatchesForPatchBaseline,
  DescribeInstancePatches,
  DescribeInstancePatchStates,
  DescribeInstancePatchStatesForPatchGroup,
  DescribePatchGroupState,
} from './operations/patch-states';
import { DeleteInventory, GetInventory, GetInventorySchema, ListInventoryEntries, PutInventory } from './operations/inventory';
import { ListComplianceItems, ListComplianceSummaries, ListResourceComplianceSummaries, PutComplianceItems } from './operations/compliance';

/** Every SSM operation Opsdeck answers; later capabilities add theirs here. */
const OPERATIONS: ApiOperation[] = [
  CreateActivation,
  DescribeActivations,
  DeleteActivation,
  DescribeInstanceInformation,
  DeregisterManagedInstance,
  AddTagsToResource,
  RemoveTagsFromResource,
  ListTagsForResource,
  CreateDocument,
  UpdateDocument,
  GetDocument,
  DescribeDocument,
  ListDocuments,
  ListDocumentVersions,
  UpdateDocumentDefaultVersion,
  DeleteDocument,
  GetCalendarState,
  SendCommand,
  ListCommands,
  ListCommandInvocations,
  GetCommandInvocation,
  CancelCommand,
  PutParameter,
  GetParameter,
  GetParameters,
  GetParametersByPath,
  GetParameterHistory,
  DescribeParameters,
  DeleteParameter,
  DeleteParameters,
  LabelParameterVersion,
  UnlabelParameterVersion,
  StartSession,
  TerminateSession,
  ResumeSession,
  DescribeSessions,
  StartAutomationExecution,
  StopAutomationExecution,
  GetAutomationExecution,
  DescribeAutomationExecutions,
  DescribeAutomationStepExecutions,
  SendAutomationSignal,
  CreateAssociation,
  CreateAssociationBatch,
  UpdateAssociation,
  DescribeAssociation,
  ListAssociations,
  DeleteAssociation,
  StartAssociationsOnce,
  DescribeAssociationExecutions,
  DescribeAssociationExecutionTargets,
  ListAssociationVersions,
  CreateMaintenanceWindow,
  UpdateMaintenanceWindow,
  GetMaintenanceWindow,
  DescribeMaintenanceWindows,
  DeleteMaintenanceWindow,
  RegisterTargetWithMaintenanceWindow,
  DeregisterTargetFromMaintenanceWindow,
  RegisterTaskWithMaintenanceWindow,
  DeregisterTaskFromMaintenanceWindow,
  DescribeMaintenanceWindowTargets,
  DescribeMaintenanceWindowTasks,
  GetMaintenanceWindowTask,
  DescribeMaintenanceWindowExecutions,
  GetMaintenanceWindowExecution,
  DescribeMaintenanceWindowExecutionTasks,
  DescribeMaintenanceWindowExecutionTaskInvocations,
  DescribeMaintenanceWindowSchedule,
  CreatePatchBaseline,
  UpdatePatchBaseline,
  GetPatchBaseline,
  DescribePatchBaselines,
  DeletePatchBaseline,
  RegisterPatchBaselineForPatchGroup,
  DeregisterPatchBaselineForPatchGroup,
  GetPatchBaselineForPatchGroup,
  DescribePatchGroups,
  RegisterDefaultPatchBaseline,
  GetDefaultPatchBaseline,
  DescribeInstancePatchStates,
  DescribeInstancePatchStatesForPatchGroup,
  DescribeInstancePatches,
  DescribeEffectivePatchesForPatchBaseline,
  DescribeAvailablePatches,
  DescribePatchGroupState,
  PutInventory,
  GetInventory,
  ListInventoryEntries,
  GetInventorySchema,
  DeleteInventory,
  PutComplianceItems,
  ListComplianceItems,
  ListComplianceSummaries,
  ListResourceComplianceSummaries,
] as ApiOperation[];

const BY_NAME = new Map(OPERATIONS.map((operation) => [operation.name, operation]));

export const SUPPORTED_OPERATIONS = [...BY_NAME.keys()];

/** AWS-style validation message: which member is wrong and why. */
function describeValidation(error: ZodError): string {
  const problems = error.issues.map((issue) => `Value at '${issue.path.join('.') || 'request'}' failed to satisfy constraint: ${issue.message}`);
  return `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`;
}

/**
 * Runs an operation for an authenticated caller. Services authorise and audit what they do;
 * requests that never reach a service (unknown operation, invalid input) are audited here.
 */
export async function dispatch(operationName: string, body: unknown, caller: Caller): Promise<unknown> {
  const operation = BY_NAME.get(operationName);
  if (!operation) {
    const error = new OpsdeckError('UnknownOperationException', `Opsdeck does not implement the operation ${operationName}`);
    await recordAuditEvent(caller, { action: operationName, requestParameters: body, result: 'Failure', errorCode: error.code, errorMessage: error.message });
    throw error;
  }
  const parsed = operation.input.safeParse(body);
  if (!parsed.success) {
    const error = new OpsdeckError('ValidationException', describeValidation(parsed.error));
    await recordAuditEvent(caller, { action: operationName, requestParameters: body, result: 'Failure', errorCode: error.code, errorMessage: error.message });
    throw error;
  }
  try {
    return await operation.run(parsed.data, caller);
  } catch (error) {
    // A service validates its own input before it starts (and audits) the action.
    if (!(error instanceof ZodError)) throw error;
    const invalid = new OpsdeckError('ValidationException', describeValidation(error));
    await recordAuditEvent(caller, { action: operationName, requestParameters: body, result: 'Failure', errorCode: invalid.code, errorMessage: invalid.message });
    throw invalid;
  }
}
