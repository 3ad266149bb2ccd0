import { OpsdeckError } from '@/server/errors';
import type { KeyState } from '@/db/schema';
import { aliasArn } from './arn';
import { RESERVED_ALIAS_PREFIX } from './schemas';

/** KMS's error names, so the console and any future KMS API can pass them through unchanged. */
export const keyNotFound = (ref: string) => new OpsdeckError('NotFoundException', `Key '${ref}' does not exist`, 404);
export const aliasNotFound = (aliasName: string) => new OpsdeckError('NotFoundException', `Alias '${aliasName}' does not exist`, 404);

/** KMS's answer for an operation the key's state does not allow (DisabledException only for "enable it first"). */
export function invalidState(keyArn: string, state: KeyState, operation: string): OpsdeckError {
  if (state === 'Disabled') return new OpsdeckError('DisabledException', `${keyArn} is disabled: enable it before ${operation}`, 400);
  return new OpsdeckError('KMSInvalidStateException', `${keyArn} is ${describeState(state)}, so it cannot be used for ${operation}`, 400);
}

// AWS answers changes to an AWS managed key with AccessDenied: its key policy allows only use.
export const awsManaged = (keyArn: string, operation: string) =>
  new OpsdeckError('AccessDeniedException', `${keyArn} is an AWS managed key (alias/aws/ssm): Opsdeck manages it, so it cannot be ${operation}`, 400);

export function describeState(state: KeyState): string {
  return state === 'PendingDeletion' ? 'pending deletion' : state.toLowerCase();
}

/**
 * What SSM answers when a parameter names a key it cannot use (PutParameter / GetParameter with
 * decryption): always InvalidKeyId, with the reason in words.
 */
export const invalidKeyId = (message: string) => new OpsdeckError('InvalidKeyId', message, 400);

export const invalidCiphertext = (reason: string) => new OpsdeckError('InvalidCiphertextException', `the value cannot be decrypted: ${reason}`, 400);

export const aliasExists = (aliasName: string) => new OpsdeckError('AlreadyExistsException', `An alias with the name ${aliasArn(aliasName)} already exists`, 409);

/** alias/aws/… names belong to AWS managed keys: nobody creates, moves or deletes them. */
export function assertNotReserved(aliasName: string): void {
  if (aliasName.startsWith(RESERVED_ALIAS_PREFIX)) {
    throw new OpsdeckError('AccessDeniedException', `${aliasName}: alias names beginning with ${RESERVED_ALIAS_PREFIX} are reserved for AWS managed keys`);
  }
}
