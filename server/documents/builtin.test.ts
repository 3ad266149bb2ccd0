import { describe, expect, it } from 'vitest';
import { BUILTIN_DOCUMENTS } from './builtin';
import { formatIssue } from './content';
import { validateDocument } from './validate';

describe('built-in documents', () => {
  it.each(BUILTIN_DOCUMENTS.map((document) => [document.name, document] as const))('%s passes validation', (_name, document) => {
    const checked = validateDocument(document.documentType, document.documentFormat, document.content);
    expect(checked.ok ? [] : checked.issues.map(formatIssue)).toEqual([]);
  });

  it('have unique names in AWS’s reserved namespaces or Opsdeck’s own', () => {
    const names = BUILTIN_DOCUMENTS.map((document) => document.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((name) => /^(AWS-|SSM-|Opsdeck-)[A-Za-z]+$/.test(name))).toBe(true);
  });

  it('describe AWS-RunShellScript as AWS does', () => {
    const builtin = BUILTIN_DOCUMENTS.find((document) => document.name === 'AWS-RunShellScript')!;
    const checked = validateDocument(builtin.documentType, builtin.documentFormat, builtin.content);
    expect(checked.ok && checked.document).toMatchObject({
      schemaVersion: '2.2',
      platformTypes: ['Linux'],
      parameters: [
        { name: 'commands', type: 'StringList' },
        { name: 'workingDirectory', type: 'String', defaultValue: '' },
        { name: 'executionTimeout', type: 'String', defaultValue: '3600' },
      ],
    });
  });

  it('give the Session documents their session types and port defaults', () => {
    const sessions = Object.fromEntries(
      BUILTIN_DOCUMENTS.filter((document) => document.documentType === 'Session').map((document) => {
        const checked = validateDocument(document.documentType, document.documentFormat, document.content);
        if (!checked.ok) throw new Error(document.name);
        return [document.name, [checked.document.sessionType, Object.fromEntries(checked.document.parameters.map((parameter) => [parameter.name, parameter.defaultValue]))]];
      }),
    );
    expect(sessions).toEqual({
      'AWS-StartInteractiveCommand': ['InteractiveCommands', { command: undefined }],
      'AWS-StartNonInteractiveCommand': ['NonInteractiveCommands', { command: undefined }],
      'AWS-StartPortForwardingSession': ['Port', { portNumber: '80', localPortNumber: '0' }],
      'AWS-StartPortForwardingSessionToRemoteHost': ['Port', { host: undefined, portNumber: '80', localPortNumber: '0' }],
      'AWS-StartSSHSession': ['Port', { portNumber: '22' }],
      'SSM-SessionManagerRunShell': ['Standard_Stream', {}],
    });
  });
});
