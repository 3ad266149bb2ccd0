import { forwardHostSchema, type SessionKind } from '@/agent/protocol';
import { formatIssue, parseDocumentContent, type DocumentFormat } from '@/server/documents/content';
import { resolveParameterValues, type ParameterValues } from '@/server/documents/parameters';
import { checkContent, loadDocumentVersion } from '@/server/documents/service';
import { OpsdeckError } from '@/server/errors';

export const DEFAULT_SESSION_DOCUMENT = 'SSM-SessionManagerRunShell';

/** What a Session document asks the node to do, with its parameters applied. */
export interface SessionPlan {
  documentName: string;
  kind: SessionKind;
  command?: string;
  host?: string;
  port?: number;
  parameters: Record<string, string[]>;
}

const REFERENCE = /\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g;

/** `{{ name }}` in a document's properties, replaced by the parameter's value (lists joined by lines). */
function fill(value: unknown, values: ParameterValues): unknown {
  if (typeof value === 'string') {
    return value.replace(REFERENCE, (whole, name: string) => {
      const given = values[name];
      if (given === undefined) return whole;
      return Array.isArray(given) ? given.map(String).join('\n') : String(given);
    });
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, values));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, values)]));
  return value;
}

function portOf(text: unknown, documentName: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new OpsdeckError('InvalidParameters', `${documentName}: portNumber must be 1 to 65535, not '${String(text)}'`);
  return port;
}

/**
 * Reads a Session document (AWS's built-ins or a customer's) into a plan for the agent:
 * Standard_Stream → a login shell; InteractiveCommands / NonInteractiveCommands → one command in
 * a PTY; Port → an outbound TCP connection (AWS-StartSSHSession → the node's own sshd).
 */
export async function planSession(documentName = DEFAULT_SESSION_DOCUMENT, given: Record<string, string[]> = {}): Promise<SessionPlan> {
  const version = await loadDocumentVersion(documentName);
  if (version.documentType !== 'Session') {
    throw new OpsdeckError('InvalidDocument', `${documentName} is a ${version.documentType} document; StartSession takes a Session document`);
  }
  const parsed = checkContent(version.documentType, version.documentFormat, version.content);
  const resolved = resolveParameterValues(parsed.parameterDefinitions, given);
  if (!resolved.ok) throw new OpsdeckError('InvalidParameters', resolved.issues.map(formatIssue).join('; '));
  const content = parseDocumentContent(version.content, version.documentFormat as DocumentFormat);
  if (!content.ok) throw new OpsdeckError('InvalidDocument', `${documentName}: ${content.issues.map(formatIssue).join('; ')}`);
  const raw = content.value as { properties?: Record<string, unknown> };
  const properties = (fill(raw.properties ?? {}, resolved.values) ?? {}) as Record<string, unknown>;
  const plan = { documentName: version.name, parameters: given };
  switch (parsed.sessionType) {
    case 'Standard_Stream':
      return { ...plan, kind: 'shell' };
    case 'InteractiveCommands':
    case 'NonInteractiveCommands': {
      const linux = properties.linux as { commands?: unknown } | undefined;
      const command = Array.isArray(linux?.commands) ? linux.commands.join('\n') : linux?.commands;
      if (typeof command !== 'string' || command.trim() === '') throw new OpsdeckError('InvalidParameters', `${documentName}: the command is empty`);
      return { ...plan, kind: 'command', command };
    }
    case 'Port': {
      const port = portOf(properties.portNumber ?? 22, documentName);
      if (version.name === 'AWS-StartSSHSession') return { ...plan, kind: 'ssh', port };
      const host = properties.host === undefined ? 'localhost' : String(properties.host);
      // The host reaches the agent's connect call only: a name or an address, never options or paths.
      if (!forwardHostSchema.safeParse(host).success) throw new OpsdeckError('InvalidParameters', `${documentName}: host must be a DNS name or an IP address, not '${host}'`);
      return { ...plan, kind: 'port', port, host };
    }
    default:
      throw new OpsdeckError('InvalidDocument', `${documentName} has no session type Opsdeck can run`);
  }
}
