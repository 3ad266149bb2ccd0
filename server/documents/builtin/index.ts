import type { DocumentFormat, DocumentType } from '../content';
import { AWS_COLLECT_DIAGNOSTICS, OPSDECK_PATCH_INSTANCE_WITH_ROLLBACK, OPSDECK_RESTART_SERVICE, OPSDECK_ROTATE_PARAMETER } from './automation-documents';
import { AWS_RUN_DOCUMENT, AWS_RUN_SHELL_SCRIPT } from './command-documents';
import { AWS_GATHER_SOFTWARE_INVENTORY } from './inventory-documents';
import { AWS_RUN_PATCH_BASELINE } from './patch-documents';
import {
  AWS_START_INTERACTIVE_COMMAND,
  AWS_START_NON_INTERACTIVE_COMMAND,
  AWS_START_PORT_FORWARDING_SESSION,
  AWS_START_PORT_FORWARDING_SESSION_TO_REMOTE_HOST,
  AWS_START_SSH_SESSION,
  SSM_SESSION_MANAGER_RUN_SHELL,
} from './session-documents';

export interface BuiltinDocument {
  name: string;
  documentType: DocumentType;
  documentFormat: DocumentFormat;
  content: string;
  targetType?: string;
  versionName?: string;
}

/**
 * The documents Opsdeck seeds at start, only those its agents can honour today. The contents are
 * TypeScript strings, not files read at runtime, so they survive Next.js bundling.
 */
export const BUILTIN_DOCUMENTS: readonly BuiltinDocument[] = [
  { name: 'AWS-RunShellScript', documentType: 'Command', documentFormat: 'JSON', content: AWS_RUN_SHELL_SCRIPT },
  { name: 'AWS-RunDocument', documentType: 'Command', documentFormat: 'JSON', content: AWS_RUN_DOCUMENT },
  { name: 'AWS-RunPatchBaseline', documentType: 'Command', documentFormat: 'JSON', content: AWS_RUN_PATCH_BASELINE },
  { name: 'AWS-GatherSoftwareInventory', documentType: 'Policy', documentFormat: 'JSON', content: AWS_GATHER_SOFTWARE_INVENTORY },
  { name: 'AWS-StartInteractiveCommand', documentType: 'Session', documentFormat: 'JSON', content: AWS_START_INTERACTIVE_COMMAND },
  { name: 'AWS-StartNonInteractiveCommand', documentType: 'Session', documentFormat: 'JSON', content: AWS_START_NON_INTERACTIVE_COMMAND },
  { name: 'AWS-StartPortForwardingSession', documentType: 'Session', documentFormat: 'JSON', content: AWS_START_PORT_FORWARDING_SESSION },
  { name: 'AWS-StartPortForwardingSessionToRemoteHost', documentType: 'Session', documentFormat: 'JSON', content: AWS_START_PORT_FORWARDING_SESSION_TO_REMOTE_HOST },
  { name: 'AWS-StartSSHSession', documentType: 'Session', documentFormat: 'JSON', content: AWS_START_SSH_SESSION },
  { name: 'SSM-SessionManagerRunShell', documentType: 'Session', documentFormat: 'JSON', content: SSM_SESSION_MANAGER_RUN_SHELL },
  { name: 'Opsdeck-RestartService', documentType: 'Automation', documentFormat: 'YAML', content: OPSDECK_RESTART_SERVICE },
  { name: 'Opsdeck-PatchInstanceWithRollback', documentType: 'Automation', documentFormat: 'YAML', content: OPSDECK_PATCH_INSTANCE_WITH_ROLLBACK },
  { name: 'AWS-CollectDiagnostics', documentType: 'Automation', documentFormat: 'YAML', content: AWS_COLLECT_DIAGNOSTICS },
  { name: 'Opsdeck-RotateParameter', documentType: 'Automation', documentFormat: 'YAML', content: OPSDECK_ROTATE_PARAMETER },
];
