import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { commandStepSchema } from '@/agent/protocol';
import { BUILTIN_DOCUMENTS } from './builtin';
import type { DocumentType } from './content';
import { resolveParameterValues } from './parameters';
import { resolveSteps, type StepResolver } from './substitute';
import { validateDocument, type ParsedDocument } from './validate';

function parsed(content: unknown, documentType: DocumentType = 'Command'): ParsedDocument {
  const checked = validateDocument(documentType, 'JSON', typeof content === 'string' ? content : JSON.stringify(content));
  if (!checked.ok) throw new Error(`test document is invalid: ${JSON.stringify(checked.issues)}`);
  return checked.document;
}

const shellDocument = (commands: string[], parameters: Record<string, unknown> = {}) => ({
  schemaVersion: '2.2',
  parameters,
  mainSteps: [{ action: 'aws:runShellScript', name: 'run', inputs: { runCommand: commands } }],
});
const runDocument = (documentPath: string, documentParameters?: unknown) => ({
  schemaVersion: '2.2',
  mainSteps: [{ action: 'aws:runDocument', name: 'nested', inputs: { documentType: 'SSMDocument', documentPath, ...(documentParameters !== undefined && { documentParameters }) } }],
});

/** A resolver over in-memory documents, with a Parameter Store of its own. */
function resolverFor(documents: Record<string, { content: unknown; type?: DocumentType }>, store: Record<string, string> = {}) {
  const resolver: StepResolver = {
    resolveReference: vi.fn(async (kind: 'ssm' | 'ssm-secure', name: string) => {
      const value = store[`${kind}:${name}`];
      if (value === undefined) throw new Error(`{{${kind}:${name}}}: no such parameter`);
      return value;
    }),
    loadDocument: vi.fn(async (name: string) => {
      const stored = documents[name];
      if (!stored) throw new Error(`Document with name ${name} does not exist.`);
      const content = JSON.stringify(stored.content);
      return { content, document: parsed(stored.content, stored.type) };
    }),
  };
  return resolver;
}

async function resolveDocument(document: ParsedDocument, given: Record<string, string[]>, resolver: StepResolver = resolverFor({})) {
  const values = resolveParameterValues(document.parameterDefinitions, given);
  if (!values.ok) throw new Error(JSON.stringify(values.issues));
  return resolveSteps(document.mainSteps, values.values, resolver);
}

const runShellScript = parsed(BUILTIN_DOCUMENTS.find((document) => document.name === 'AWS-RunShellScript')!.content);

describe('resolveSteps', () => {
  it('expands a list parameter that is a whole string (AWS-RunShellScript)', async () => {
    const steps = await resolveDocument(runShellScript, { commands: ['echo one', 'echo two'], executionTimeout: ['60'] });
    expect(steps).toEqual([{ name: 'runShellScript', action: 'aws:runShellScript', inputs: { runCommand: ['echo one', 'echo two'], workingDirectory: '', timeoutSeconds: 60 } }]);
    expect(z.array(commandStepSchema).safeParse(steps).success).toBe(true);
  });

  it('substitutes references inside text, with or without spaces, and leaves other text alone', async () => {
    const document = parsed(shellDocument(['systemctl restart {{ service }}.service', 'echo {{service}} x{{ count }} {{ tags }}', 'echo "{ not a reference }"'], { service: { type: 'String', default: 'nginx' }, count: { type: 'Integer', default: 2 }, tags: { type: 'StringMap', default: { a: 'b' } } }));
    const [step] = await resolveDocument(document, {});
    expect(step!.inputs.runCommand).toEqual(['systemctl restart nginx.service', 'echo nginx x2 {"a":"b"}', 'echo "{ not a reference }"']);
  });

  it('splices a list into fixed lines and splits a string into lines', async () => {
    const mixed = parsed({
      schemaVersion: '2.2',
      parameters: { commands: { type: 'StringList' }, script: { type: 'String', default: 'echo a\necho b' } },
      mainSteps: [
        { action: 'aws:runShellScript', name: 'mixed', inputs: { runCommand: ['set -e', '{{ commands }}'] } },
        { action: 'aws:runShellScript', name: 'script', inputs: { runCommand: '{{ script }}' } },
      ],
    });
    const steps = await resolveDocument(mixed, { commands: ['echo 1', 'echo 2'] });
    expect(steps.map((step) => step.inputs.runCommand)).toEqual([
      ['set -e', 'echo 1', 'echo 2'],
      ['echo a', 'echo b'],
    ]);
  });

  it('resolves Parameter Store references through the callback, once per name', async () => {
    const document = parsed(shellDocument(['echo {{ssm:/app/host}}', 'login {{ ssm-secure:token }} {{ssm:/app/host}}']));
    const resolver = resolverFor({}, { 'ssm:/app/host': 'db.internal', 'ssm-secure:token': 's3cret' });
    const [step] = await resolveDocument(document, {}, resolver);
    expect(step!.inputs.runCommand).toEqual(['echo db.internal', 'login s3cret db.internal']);
    expect(vi.mocked(resolver.resolveReference).mock.calls).toEqual([
      ['ssm', '/app/host'],
      ['ssm-secure', 'token'],
    ]);
  });

  it('lets the errors of the Parameter Store callback through', async () => {
    const document = parsed(shellDocument(['echo {{ssm:/missing}}']));
    await expect(resolveDocument(document, {})).rejects.toThrow('{{ssm:/missing}}: no such parameter');
  });

  it('security: never resolves references found inside parameter values (no reading secrets through a value)', async () => {
    const resolver = resolverFor({}, { 'ssm-secure:db-password': 'hunter2' });
    const steps = await resolveDocument(runShellScript, { commands: ['echo {{ssm-secure:db-password}}', '{{ executionTimeout }}'] }, resolver);
    expect(steps[0]!.inputs.runCommand).toEqual(['echo {{ssm-secure:db-password}}', '{{ executionTimeout }}']);
    expect(resolver.resolveReference).not.toHaveBeenCalled();
  });

  it('checks runCommand and timeoutSeconds again once substituted', async () => {
    const timeout = parsed({
      schemaVersion: '2.2',
      parameters: { seconds: { type: 'Integer', default: 0 }, map: { type: 'StringMap', default: { a: 'b' } } },
      mainSteps: [{ action: 'aws:runShellScript', name: 'run', inputs: { runCommand: ['true'], timeoutSeconds: '{{ seconds }}' } }],
    });
    await expect(resolveDocument(timeout, {})).rejects.toMatchObject({ code: 'InvalidParameters', message: 'mainSteps[0].inputs.timeoutSeconds: expected a whole number of seconds from 1 to 172800, not 0' });
    const map = parsed({ ...shellDocument([]), parameters: { map: { type: 'StringMap', default: { a: 'b' } } }, mainSteps: [{ action: 'aws:runShellScript', name: 'run', inputs: { runCommand: '{{ map }}' } }] });
    await expect(resolveDocument(map, {})).rejects.toMatchObject({ code: 'InvalidParameters', message: 'mainSteps[0].inputs.runCommand: expected a list of strings' });
  });

  it('inlines a nested document, resolving its parameters against its own definitions', async () => {
    const nested = shellDocument(['echo {{ greeting }}', '{{ extra }}'], { greeting: { type: 'String' }, extra: { type: 'StringList', default: ['true'] }, retries: { type: 'Integer', default: 1 } });
    const parent = parsed({
      ...runDocument('Greet', { greeting: 'hello {{ who }}', extra: ['a', 'b'], retries: 3 }),
      parameters: { who: { type: 'String', default: 'world' } },
    });
    const resolver = resolverFor({ Greet: { content: nested } });
    const steps = await resolveDocument(parent, {}, resolver);
    expect(steps).toEqual([
      {
        name: 'nested',
        action: 'aws:runDocument',
        inputs: { documentType: 'SSMDocument', documentPath: 'Greet', documentParameters: { greeting: 'hello world', extra: ['a', 'b'], retries: 3 } },
        steps: [{ name: 'run', action: 'aws:runShellScript', inputs: { runCommand: ['echo hello world', 'a', 'b'] } }],
      },
    ]);
  });

  it('takes documentParameters as JSON text and names the nested parameter that is wrong', async () => {
    const resolver = resolverFor({ Greet: { content: shellDocument(['echo {{ greeting }}'], { greeting: { type: 'String', allowedValues: ['hi'] } }) } });
    const good = await resolveDocument(parsed(runDocument('Greet', '{"greeting": "hi"}')), {}, resolver);
    expect(good[0]!.steps![0]!.inputs.runCommand).toEqual(['echo hi']);
    await expect(resolveDocument(parsed(runDocument('Greet', { greeting: 'bye', nope: 'x' })), {}, resolver)).rejects.toMatchObject({
      code: 'InvalidParameters',
      message: "mainSteps[0].inputs.documentParameters.nope: the document has no parameter 'nope' (it has greeting); mainSteps[0].inputs.documentParameters.greeting: 'bye' is not one of the allowed values: hi",
    });
  });

  it('runs AWS-RunDocument: the document content for downloadContent, its steps for runDocument', async () => {
    const awsRunDocument = parsed(BUILTIN_DOCUMENTS.find((document) => document.name === 'AWS-RunDocument')!.content);
    const target = shellDocument(['{{ commands }}'], { commands: { type: 'StringList' } });
    const resolver = resolverFor({ 'My-Script': { content: target } });
    const steps = await resolveDocument(awsRunDocument, { sourceType: ['SSMDocument'], sourceInfo: ['{"name": "My-Script"}'], documentParameters: ['{"commands": ["uptime"]}'] }, resolver);
    expect(steps).toEqual([
      { name: 'downloadContent', action: 'aws:downloadContent', inputs: { sourceType: 'SSMDocument', sourceInfo: { name: 'My-Script' }, content: JSON.stringify(target), documentName: 'My-Script' } },
      {
        name: 'runDocument',
        action: 'aws:runDocument',
        inputs: { documentType: 'SSMDocument', documentPath: 'My-Script', documentParameters: { commands: ['uptime'] } },
        steps: [{ name: 'run', action: 'aws:runShellScript', inputs: { runCommand: ['uptime'] } }],
      },
    ]);
  });

  it('nests documents three levels deep and no deeper', async () => {
    const documents = {
      Level1: { content: runDocument('Level2') },
      Level2: { content: runDocument('Level3') },
      Level3: { content: shellDocument(['echo deep']) },
    };
    const steps = await resolveDocument(parsed(runDocument('Level1')), {}, resolverFor(documents));
    expect(steps[0]!.steps![0]!.steps![0]!.steps).toEqual([{ name: 'run', action: 'aws:runShellScript', inputs: { runCommand: ['echo deep'] } }]);

    const tooDeep = { ...documents, Level3: { content: runDocument('Level4') }, Level4: { content: shellDocument(['echo too deep']) } };
    await expect(resolveDocument(parsed(runDocument('Level1')), {}, resolverFor(tooDeep))).rejects.toMatchObject({
      code: 'InvalidDocument',
      message: 'mainSteps[0].steps[0].steps[0].steps[0].inputs.documentPath: documents nest at most 3 levels deep (Level1 → Level2 → Level3 → Level4)',
    });
  });

  it('refuses a document that runs itself, and nested documents that are not Command documents', async () => {
    await expect(resolveDocument(parsed(runDocument('Loop')), {}, resolverFor({ Loop: { content: runDocument('Loop') } }))).rejects.toMatchObject({
      message: 'mainSteps[0].steps[0].inputs.documentPath: Loop runs itself (Loop → Loop)',
    });
    const session = { schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: {} };
    await expect(resolveDocument(parsed(runDocument('Shell')), {}, resolverFor({ Shell: { content: session, type: 'Session' } }))).rejects.toMatchObject({
      code: 'InvalidDocument',
      message: 'mainSteps[0].inputs.documentPath: Shell is a Session document; aws:runDocument runs Command documents',
    });
  });

  it('keeps preconditions and leaves HTTP downloads to the agent', async () => {
    const document = parsed({
      schemaVersion: '2.2',
      parameters: { url: { type: 'String', default: 'https://example.com/a.sh' } },
      mainSteps: [{ action: 'aws:downloadContent', name: 'fetch', precondition: { StringEquals: ['platformType', 'Linux'] }, inputs: { sourceType: 'HTTP', sourceInfo: '{"url": "{{ url }}"}', timeoutSeconds: 30 } }],
    });
    expect(await resolveDocument(document, {})).toEqual([
      { name: 'fetch', action: 'aws:downloadContent', precondition: { StringEquals: ['platformType', 'Linux'] }, inputs: { sourceType: 'HTTP', sourceInfo: { url: 'https://example.com/a.sh' }, timeoutSeconds: 30 } },
    ]);
  });
});
