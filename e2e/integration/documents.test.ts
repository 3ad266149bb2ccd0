import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SSMClient } from '@aws-sdk/client-ssm';
import {
  CreateDocumentCommand,
  DeleteDocumentCommand,
  DescribeDocumentCommand,
  GetDocumentCommand,
  ListDocumentsCommand,
  ListDocumentVersionsCommand,
  UpdateDocumentCommand,
  UpdateDocumentDefaultVersionCommand,
} from '@aws-sdk/client-ssm';
import { awsCli, BOOTSTRAP_ENV, failure, ssmClient } from '../support/aws';
import { startServer, type TestServer } from '../support/server';
import { createTestDatabase } from '../support/test-postgres';

const V1 = `schemaVersion: '2.2'
description: Restart a service
parameters:
  service:
    type: String
    default: nginx
    allowedPattern: '^[a-z0-9@._-]+$'
mainSteps:
  - action: aws:runShellScript
    name: restart
    inputs:
      runCommand:
        - systemctl restart {{ service }}
`;

describe('documents through the SSM API', () => {
  let server: TestServer;
  let ssm: SSMClient;


  beforeAll(async () => {
    server = await startServer({ databaseUrl: await createTestDatabase(inject('postgresUrl'), 'documents'), env: BOOTSTRAP_ENV });
    ssm = ssmClient(server.url);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('lists the built-in documents as Amazon-owned and refuses to change them', async () => {
    const { DocumentIdentifiers } = await ssm.send(new ListDocumentsCommand({ Filters: [{ Key: 'Owner', Values: ['Amazon'] }] }));
    const names = DocumentIdentifiers!.map((document) => document.Name);
    expect(names).toEqual(expect.arrayContaining(['AWS-RunShellScript', 'AWS-StartPortForwardingSession']));
    expect(DocumentIdentifiers!.every((document) => document.Owner === 'Amazon')).toBe(true);
    const { Document } = await ssm.send(new DescribeDocumentCommand({ Name: 'AWS-RunShellScript' }));
    expect(Document!.Parameters!.map((parameter) => parameter.Name)).toEqual(['commands', 'workingDirectory', 'executionTimeout']);
    expect(Document!.PlatformTypes).toEqual(['Linux']);
    const refused = await failure(ssm.send(new UpdateDocumentCommand({ Name: 'AWS-RunShellScript', Content: V1, DocumentFormat: 'YAML', DocumentVersion: '$LATEST' })));
    expect(refused.name).toBe('InvalidDocumentOperation');
  });

  it('creates, versions, compares defaults and deletes a YAML document', async () => {
    const created = await ssm.send(new CreateDocumentCommand({ Name: 'Restart-Service', Content: V1, DocumentFormat: 'YAML', DocumentType: 'Command', Tags: [{ Key: 'Team', Value: 'web' }] }));
    expect(created.DocumentDescription).toMatchObject({ Name: 'Restart-Service', DocumentVersion: '1', LatestVersion: '1', DefaultVersion: '1', SchemaVersion: '2.2', Status: 'Active', HashType: 'Sha256' });
    expect(created.DocumentDescription!.Parameters).toEqual([{ Name: 'service', Type: 'String', DefaultValue: 'nginx' }]);

    const again = await failure(ssm.send(new CreateDocumentCommand({ Name: 'Restart-Service', Content: V1, DocumentFormat: 'YAML' })));
    expect(again.name).toBe('DocumentAlreadyExists');
    const same = await failure(ssm.send(new UpdateDocumentCommand({ Name: 'Restart-Service', Content: V1, DocumentFormat: 'YAML', DocumentVersion: '$LATEST' })));
    expect(same.name).toBe('DuplicateDocumentContent');

    const v2 = V1.replace('systemctl restart', 'systemctl reload-or-restart');
    const updated = await ssm.send(new UpdateDocumentCommand({ Name: 'Restart-Service', Content: v2, DocumentFormat: 'YAML', DocumentVersion: '$LATEST', VersionName: 'reload' }));
    expect(updated.DocumentDescription).toMatchObject({ DocumentVersion: '2', LatestVersion: '2', DefaultVersion: '1', VersionName: 'reload' });

    const byDefault = await ssm.send(new GetDocumentCommand({ Name: 'Restart-Service' }));
    expect(byDefault).toMatchObject({ DocumentVersion: '1', Content: V1, DocumentFormat: 'YAML' });
    const latestAsJson = await ssm.send(new GetDocumentCommand({ Name: 'Restart-Service', DocumentVersion: '$LATEST', DocumentFormat: 'JSON' }));
    expect(JSON.parse(latestAsJson.Content!).mainSteps[0].inputs.runCommand).toEqual(['systemctl reload-or-restart {{ service }}']);
    const byName = await ssm.send(new GetDocumentCommand({ Name: 'Restart-Service', VersionName: 'reload' }));
    expect(byName.DocumentVersion).toBe('2');

    await ssm.send(new UpdateDocumentDefaultVersionCommand({ Name: 'Restart-Service', DocumentVersion: '2' }));
    const { DocumentVersions } = await ssm.send(new ListDocumentVersionsCommand({ Name: 'Restart-Service' }));
    expect(DocumentVersions!.map((version) => [version.DocumentVersion, version.IsDefaultVersion])).toEqual([
      ['2', true],
      ['1', false],
    ]);
    const defaultDelete = await failure(ssm.send(new DeleteDocumentCommand({ Name: 'Restart-Service', DocumentVersion: '2' })));
    expect(defaultDelete.name).toBe('InvalidDocumentOperation');

    const mine = await ssm.send(new ListDocumentsCommand({ Filters: [{ Key: 'Owner', Values: ['Self'] }, { Key: 'tag:Team', Values: ['web'] }] }));
    expect(mine.DocumentIdentifiers!.map((document) => [document.Name, document.DocumentVersion])).toEqual([['Restart-Service', '2']]);

    await ssm.send(new DeleteDocumentCommand({ Name: 'Restart-Service' }));
    expect((await failure(ssm.send(new DescribeDocumentCommand({ Name: 'Restart-Service' })))).name).toBe('InvalidDocument');
  });

  it('says exactly where a document is wrong, and stores nothing', async () => {
    const bad = V1.replace('      runCommand:\n        - systemctl restart {{ service }}', '      runCommand: 42');
    const refused = await failure(ssm.send(new CreateDocumentCommand({ Name: 'Broken-Doc', Content: bad, DocumentFormat: 'YAML' })));
    expect(refused.name).toBe('InvalidDocumentContent');
    expect(refused.message).toContain('mainSteps[0].inputs.runCommand: expected a list of strings');
    const syntax = await failure(ssm.send(new CreateDocumentCommand({ Name: 'Broken-Doc', Content: '{"schemaVersion": "2.2",', DocumentFormat: 'JSON' })));
    expect(syntax.name).toBe('InvalidDocumentContent');
    const reserved = await failure(ssm.send(new CreateDocumentCommand({ Name: 'AWS-Mine', Content: V1, DocumentFormat: 'YAML' })));
    expect(reserved.name).toBe('ValidationException');
    expect((await failure(ssm.send(new DescribeDocumentCommand({ Name: 'Broken-Doc' })))).name).toBe('InvalidDocument');
  });

  it('works through the real AWS CLI', async () => {
    const created = await awsCli(server.url, ['create-document', '--name', 'Cli-Doc', '--document-type', 'Command', '--document-format', 'YAML', '--content', V1]);
    expect(created.code, created.stderr).toBe(0);
    const listed = await awsCli(server.url, ['list-documents', '--filters', 'Key=Owner,Values=Self']);
    expect((listed.json as { DocumentIdentifiers: { Name: string }[] }).DocumentIdentifiers.map((document) => document.Name)).toContain('Cli-Doc');
    const described = await awsCli(server.url, ['describe-document', '--name', 'Cli-Doc']);
    expect((described.json as { Document: { Status: string } }).Document.Status).toBe('Active');
    const content = await awsCli(server.url, ['get-document', '--name', 'Cli-Doc', '--document-version', '$LATEST']);
    expect((content.json as { Content: string }).Content).toBe(V1);
    const deleted = await awsCli(server.url, ['delete-document', '--name', 'Cli-Doc']);
    expect(deleted.code, deleted.stderr).toBe(0);
  });
});
