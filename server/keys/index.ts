/**
 * Keys modelled on AWS KMS: customer keys and the AWS managed alias/aws/ssm, their versions
 * (rotation), aliases and lifecycle, and the envelope encryption Parameter Store uses for
 * SecureString values.
 */
export { resolveKeyForEncrypt, encryptWithKey, decryptWithKey, keyIdOfCiphertext, describeCiphertextKey, type EncryptionKey } from './envelope';
export { ensureDefaultKey } from './default-key';
export { deleteDueKeys, rotateDueKeys, runKeyMaintenance } from './lifecycle';
export {
  listKeys,
  describeKey,
  createKey,
  updateKeyDescription,
  enableKey,
  disableKey,
  scheduleKeyDeletion,
  cancelKeyDeletion,
  enableKeyRotation,
  disableKeyRotation,
  rotateKeyOnDemand,
  type KeyDetail,
  type KeyList,
  type KeyPermissions,
} from './service';
export { listAliases, createAlias, updateAlias, deleteAlias } from './aliases';
export { keyArn, aliasArn } from './arn';
export { DEFAULT_KEY_ALIAS } from './schemas';
export type { AliasInput, CreateKeyInput, EnableKeyRotationInput, ScheduleKeyDeletionInput, UpdateKeyDescriptionInput } from './schemas';
export type { AliasView, KeyVersionView, KeyView } from './views';
