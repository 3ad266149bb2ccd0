import { recordAuditEvent } from '@/server/audit/service';
import { isOpsdeckError } from '@/server/errors';
import { authorize } from './authorize';
import type { Caller } from './caller';

export interface ActionSpec {
  /** AWS-style operation name for the audit trail, e.g. CreateActivation. */
  name: string;
  /** IAM action to authorise up front; omit when the service authorises itself (it needs tags). */
  iamAction?: string;
  resources?: string[];
  parameters?: unknown;
  /** Plain console reads are not audited; API calls, changes and sensitive reads always are. */
  isAudited?: boolean;
}

/**
 * Runs one user action: authorise, act, and record the outcome in the audit trail before
 * returning, success or failure alike.
 */
export async function perform<T>(caller: Caller, spec: ActionSpec, action: () => Promise<T>): Promise<T> {
  // Every API call is audited, reads included, as CloudTrail records management reads.
  const isAudited = caller.source === 'api' || (spec.isAudited ?? true);
  try {
    if (spec.iamAction) {
      for (const resource of spec.resources?.length ? spec.resources : ['*']) {
        await authorize(caller, { action: spec.iamAction, resource });
      }
    }
    const result = await action();
    if (isAudited) {
      await recordAuditEvent(caller, { action: spec.name, resources: spec.resources, requestParameters: spec.parameters, result: 'Success' });
    }
    return result;
  } catch (error) {
    if (isAudited) {
      await recordAuditEvent(caller, {
        action: spec.name,
        resources: spec.resources,
        requestParameters: spec.parameters,
        result: 'Failure',
        errorCode: isOpsdeckError(error) ? error.code : error instanceof Error && error.name === 'ZodError' ? 'ValidationException' : 'InternalServerError',
        errorMessage: error instanceof Error ? error.message : String(error),
      }).catch((auditError: Error) => console.error(`[audit] could not record a failed ${spec.name}: ${auditError.message}`));
    }
    throw error;
  }
}
