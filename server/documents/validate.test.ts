import { describe, expect, it } from 'vitest';
import { formatIssue, type DocumentFormat, type DocumentType } from './content';
import { validateDocument } from './validate';

const RESTART_SERVICE = `schemaVersion: '2.2'
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

const json = (value: unknown) => JSON.stringify(value, null, 2);
const shellStep = (name: string, inputs: Record<string, unknown> = { runCommand: ['true'] }) => ({ action: 'aws:runShellScript', name, inputs });
const command = (fields: Record<string, unknown>) => json({ schemaVersion: '2.2', mainSteps: [shellStep('run')], ...fields });

function issuesOf(documentType: DocumentType, documentFormat: DocumentFormat, content: string): string[] {
  const checked = validateDocument(documentType, documentFormat, content);
  return checked.ok ? [] : checked.issues.map(formatIssue);
}

interface Case {
  name: string;
  type?: DocumentType;
  format?: DocumentFormat;
  content: string;
  issues: string[];
}

const GOOD: Case[] = [
  { name: 'a YAML Command document', format: 'YAML', content: RESTART_SERVICE, issues: [] },
  {
    name: 'a JSON Command document using every supported plugin',
    content: json({
      schemaVersion: '2.2',
      description: 'All plugins',
      parameters: {
        commands: { type: 'StringList', minItems: 1, default: ['uptime'] },
        timeout: { type: 'String', default: '60', allowedPattern: '[0-9]+' },
        url: { type: 'String', default: 'https://example.com/a.sh' },
      },
      mainSteps: [
        { action: 'aws:runShellScript', name: 'run', precondition: { StringEquals: ['platformType', 'Linux'] }, inputs: { runCommand: '{{ commands }}', workingDirectory: '/tmp', timeoutSeconds: '{{timeout}}' } },
        { action: 'aws:runShellScript', name: 'fixed.timeout', inputs: { runCommand: ['echo {{ssm:/app/greeting}}', 'echo {{ ssm-secure:db-password }}'], timeoutSeconds: 600 } },
        { action: 'aws:downloadContent', name: 'fetch', inputs: { sourceType: 'HTTP', sourceInfo: { url: '{{ url }}' }, destinationPath: 'scripts/' } },
        { action: 'aws:downloadContent', name: 'fetch_doc', inputs: { sourceType: 'SSMDocument', sourceInfo: '{"name": "My-Doc"}' } },
        { action: 'aws:runDocument', name: 'nested', inputs: { documentType: 'SSMDocument', documentPath: 'My-Doc', documentParameters: '{"commands": ["date"]}' } },
      ],
    }),
    issues: [],
  },
  {
    name: 'a Policy document with an action only Policy documents take',
    type: 'Policy',
    content: json({ schemaVersion: '1.0', mainSteps: [{ action: 'aws:configurePackage', name: 'install', inputs: { name: 'agent', action: 'Install' } }] }),
    issues: [],
  },
  {
    name: 'an Automation document',
    type: 'Automation',
    format: 'YAML',
    content: `schemaVersion: '0.3'
description: Restart an instance
assumeRole: '{{ AutomationAssumeRole }}'
parameters:
  InstanceId:
    type: String
  AutomationAssumeRole:
    type: String
    default: ''
mainSteps:
  - name: stop
    action: aws:changeInstanceState
    maxAttempts: 3
    onFailure: step:report
    inputs:
      InstanceIds: ['{{ InstanceId }}']
      DesiredState: stopped
    nextStep: start
  - name: start
    action: aws:changeInstanceState
    isEnd: true
    outputs:
      - Name: state
        Selector: $.State
        Type: String
    inputs:
      InstanceIds: ['{{ InstanceId }}']
      DesiredState: running
  - name: report
    action: aws:executeScript
    onFailure: Abort
    isCritical: false
`,
    issues: [],
  },
  {
    name: 'a Session document',
    type: 'Session',
    content: json({ schemaVersion: '1.0', sessionType: 'Port', parameters: { portNumber: { type: 'String', default: '8080' } }, properties: { portNumber: '{{ portNumber }}' } }),
    issues: [],
  },
  { name: 'a Package document', type: 'Package', content: json({ schemaVersion: '2.0', version: '1.2.3', packages: { amazon: { _any: { x86_64: { file: 'agent.zip' } } } } }), issues: [] },
  { name: 'a ChangeCalendar', type: 'ChangeCalendar', format: 'TEXT', content: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Opsdeck//EN\r\nEND:VCALENDAR\r\n', issues: [] },
];

const BAD: Case[] = [
  {
    name: 'a step whose runCommand is not a list',
    content: command({ mainSteps: [shellStep('first'), shellStep('second', { runCommand: 42 })] }),
    issues: ['mainSteps[1].inputs.runCommand: expected a list of strings'],
  },
  {
    name: 'every problem of the steps at once',
    content: json({
      schemaVersion: '1.2',
      mainStep: [],
      parameters: { name: { type: 'String' } },
      mainSteps: [
        shellStep('run', { runCommand: 'echo not a list', timeoutSeconds: 0, workingDirectory: 7 }),
        shellStep('run', { runCommand: ['echo {{ nmae }} and {{ssm:/fine}}'] }),
        { action: 'aws:runPowerShellScript', name: 'windows', inputs: { runCommand: ['dir'] } },
        { action: 'aws:configurePackage', name: 'bad name!', inputs: {} },
        { action: 'aws:runShellScript', name: 'no_inputs', precondition: { StringEquals: ['platform', 'Linux'] } },
        { action: 'aws:runShellScript', name: 'typo', inputs: { runcommand: ['true'] } },
        'not a step',
      ],
    }),
    issues: [
      "schemaVersion: '1.2' is not supported; Command documents use schema version 2.2",
      'mainStep: unknown property; a Command document has schemaVersion, description, parameters, mainSteps',
      'mainSteps[6]: expected a step object with a name, an action and inputs',
      'mainSteps[1].name: \'run\' is already the name of mainSteps[0]; step names are unique',
      'mainSteps[3].name: "bad name!" is not a valid step name (1-128 letters, digits and _ . -)',
      'mainSteps[0].inputs.runCommand: expected a list of strings',
      'mainSteps[0].inputs.workingDirectory: expected a string',
      'mainSteps[0].inputs.timeoutSeconds: expected a whole number of seconds from 1 to 172800, or a {{ parameter }}',
      'mainSteps[2].action: aws:runPowerShellScript runs on Windows only; Opsdeck nodes are Linux (use aws:runShellScript)',
      "mainSteps[3].action: 'aws:configurePackage' is not supported; Command documents here use aws:runShellScript, aws:runDocument, aws:downloadContent, aws:softwareInventory, aws:runPatchBaseline",
      'mainSteps[4].precondition: expected {"StringEquals": ["platformType", "Linux"]} (platformType is Linux, Windows or MacOS)',
      'mainSteps[4].inputs: required; an object',
      'mainSteps[5].inputs.runcommand: unknown property; aws:runShellScript has runCommand, workingDirectory, timeoutSeconds',
      'mainSteps[5].inputs.runCommand: required; a list of strings',
      'mainSteps[1].inputs.runCommand[0]: {{ nmae }} refers to no parameter; the document declares name',
    ],
  },
  {
    name: 'bad parameter definitions',
    content: command({
      parameters: {
        'bad-name': { type: 'String' },
        noType: { description: 'what am I' },
        odd: { type: 'Float' },
        port: { type: 'String', default: 80 },
        level: { type: 'String', default: 'loud', allowedValues: ['quiet', 'normal'] },
        id: { type: 'String', default: 'ABC', allowedPattern: '^[a-z]+$' },
        broken: { type: 'String', allowedPattern: '([a-z]' },
        count: { type: 'Integer', default: 1.5, minItems: 1 },
        items: { type: 'StringList', default: ['a', 'b', 'c'], maxItems: 2, minChars: 3, maxChars: 2 },
        flag: { type: 'Boolean', default: 'true', displayType: 'checkbox' },
        extra: { type: 'String', secret: true },
      },
    }),
    issues: [
      'parameters.bad-name: a parameter name may contain letters, digits and _ only',
      'parameters.noType.type: required; one of String, StringList, Integer, Boolean, MapList, StringMap',
      "parameters.odd.type: 'Float' is not a parameter type; use String, StringList, Integer, Boolean, MapList, StringMap",
      'parameters.port.default: expected a string for a String parameter',
      "parameters.level.default: 'loud' is not one of the allowed values: quiet, normal",
      "parameters.id.default: 'ABC' does not match the allowed pattern ^[a-z]+$",
      'parameters.broken.allowedPattern: not a valid regular expression (Unterminated group)',
      'parameters.count.minItems: minItems applies to StringList and MapList parameters, not Integer',
      'parameters.count.default: expected an integer for an Integer parameter',
      'parameters.items.maxChars: maxChars (2) is less than minChars (3)',
      "parameters.items.default: 'a' is too short (at least 3 characters)",
      "parameters.items.default: 'b' is too short (at least 3 characters)",
      "parameters.items.default: 'c' is too short (at least 3 characters)",
      'parameters.items.default: expected at most 2 values',
      'parameters.flag.displayType: expected textarea or textfield',
      'parameters.flag.default: expected true or false for a Boolean parameter',
      'parameters.extra.secret: unknown property; a parameter has type, description, default, allowedValues, allowedPattern, displayType, minItems, maxItems, minChars, maxChars',
    ],
  },
  {
    name: 'runDocument and downloadContent inputs',
    content: command({
      mainSteps: [
        { action: 'aws:runDocument', name: 'local', inputs: { documentType: 'LocalPath', documentPath: '', documentParameters: 'not json' } },
        { action: 'aws:runDocument', name: 'nothing', inputs: {} },
        { action: 'aws:downloadContent', name: 's3', inputs: { sourceType: 'S3', sourceInfo: { path: 'https://bucket/key' } } },
        { action: 'aws:downloadContent', name: 'http', inputs: { sourceType: 'HTTP', sourceInfo: '{"name": "x"}', destinationPath: 5 } },
        { action: 'aws:downloadContent', name: 'doc', inputs: { sourceType: 'SSMDocument', sourceInfo: [] } },
      ],
    }),
    issues: [
      'mainSteps[0].inputs.documentType: LocalPath is not supported: Opsdeck runs the documents it stores (use SSMDocument)',
      'mainSteps[0].inputs.documentPath: expected the name of a document',
      'mainSteps[0].inputs.documentParameters: expected an object, or a JSON object as a string',
      'mainSteps[1].inputs.documentType: required; SSMDocument',
      'mainSteps[1].inputs.documentPath: required; the name of a document',
      'mainSteps[2].inputs.sourceType: S3 is not supported by Opsdeck; use HTTP or SSMDocument',
      'mainSteps[3].inputs.sourceInfo.url: required for sourceType HTTP',
      'mainSteps[3].inputs.destinationPath: expected a string',
      'mainSteps[4].inputs.sourceInfo: expected an object, or a JSON object as a string',
    ],
  },
  { name: 'no steps', content: json({ schemaVersion: '2.2' }), issues: ['mainSteps: required; a list of at least one step'] },
  { name: 'an empty step list', content: command({ mainSteps: [] }), issues: ['mainSteps: expected at least one step'] },
  { name: 'too many steps', content: command({ mainSteps: Array.from({ length: 101 }, (_, index) => shellStep(`s${index}`)) }), issues: ['mainSteps: a document has at most 100 steps, not 101'] },
  { name: 'a list at the top', content: '[1, 2]', issues: ['line 1, column 1: expected a JSON object with schemaVersion and the document\'s sections'] },
  {
    name: 'an unquoted YAML schema version',
    format: 'YAML',
    content: RESTART_SERVICE.replace("schemaVersion: '2.2'", 'schemaVersion: 2.2'),
    issues: ["schemaVersion: expected a string like '2.2' (quote it in YAML)"],
  },
  { name: 'TEXT for a Command document', format: 'TEXT', content: 'echo hi', issues: ['DocumentFormat TEXT is for ChangeCalendar documents; Command documents are JSON or YAML'] },
  { name: 'an unknown document type', type: 'Sheet' as DocumentType, content: '{}', issues: ['DocumentType \'Sheet\' is not supported; use Command, Automation, Session, Package, Policy, ChangeCalendar'] },
  { name: 'a ChangeCalendar in JSON', type: 'ChangeCalendar', content: '{}', issues: ['ChangeCalendar documents are iCalendar text: use DocumentFormat TEXT'] },
  {
    name: 'a ChangeCalendar that is not iCalendar',
    type: 'ChangeCalendar',
    format: 'TEXT',
    content: 'BEGIN:VEVENT\nEND:VEVENT\n',
    issues: ['line 1, column 1: a ChangeCalendar document is iCalendar text beginning with BEGIN:VCALENDAR', 'line 2, column 1: a ChangeCalendar document is iCalendar text ending with END:VCALENDAR'],
  },
  {
    name: 'a Policy document with a non-aws action and a bad schema version',
    type: 'Policy',
    content: json({ schemaVersion: '0.3', mainSteps: [{ action: 'custom:thing', name: 'x', inputs: {} }] }),
    issues: ["schemaVersion: '0.3' is not supported; Policy documents use schema version 2.2 or 1.0", 'mainSteps[0].action: expected an action name like aws:runShellScript'],
  },
  {
    name: 'an Automation document with structural problems',
    type: 'Automation',
    content: json({
      schemaVersion: '2.2',
      assumeRole: 5,
      mainSteps: [
        { name: 'one', action: 'runScript', onFailure: 'step:nowhere', maxAttempts: 0, nextStep: 'two', inputs: 'x' },
        { name: 'one', action: 'aws:sleep', isEnd: 'yes', onCancel: 'Continue', outputs: [{ Name: 'x', Selector: '$.x', Type: 'Float' }], retries: 2 },
      ],
    }),
    issues: [
      "schemaVersion: '2.2' is not supported; Automation documents use schema version 0.3",
      'assumeRole: expected a string',
      "mainSteps[1].name: 'one' is already the name of mainSteps[0]; step names are unique",
      'mainSteps[0].action: expected an action name like aws:executeScript',
      'mainSteps[0].inputs: expected an object',
      "mainSteps[0].onFailure: 'nowhere' names no step of this document",
      'mainSteps[0].maxAttempts: expected a whole number, 1 or more',
      'mainSteps[0].nextStep: "two" names no step of this document',
      'mainSteps[1].retries: unknown property; an Automation step has name, action, description, inputs, onFailure, onCancel, maxAttempts, timeoutSeconds, isEnd, nextStep, isCritical, outputs',
      'mainSteps[1].onCancel: expected Abort or step:<step name>',
      'mainSteps[1].isEnd: expected true or false',
      'mainSteps[1].outputs[0].Type: expected one of String, StringList, Integer, Boolean, MapList, StringMap',
    ],
  },
  {
    name: 'a Session document with an unknown session type and reference',
    type: 'Session',
    content: json({ schemaVersion: '1.0', sessionType: 'Shell', properties: { portNumber: '{{ port }}' } }),
    issues: ['sessionType: expected one of Standard_Stream, Port, InteractiveCommands, NonInteractiveCommands', 'properties.portNumber: {{ port }} refers to no parameter; the document declares no parameters'],
  },
  {
    name: 'a Package document without its version and packages',
    type: 'Package',
    content: json({ schemaVersion: '2.0' }),
    issues: ['version: required; the package version as a string', 'packages: required; an object of packages by platform'],
  },
  {
    name: 'content over 64 KB',
    content: command({ description: 'x'.repeat(70_000) }),
    issues: [`the content is ${command({ description: 'x'.repeat(70_000) }).length} bytes; a document is at most 65536 bytes (64 KB)`],
  },
];

describe('validateDocument', () => {
  it.each(GOOD)('accepts $name', ({ type = 'Command', format = 'JSON', content }) => {
    expect(issuesOf(type, format, content)).toEqual([]);
  });

  it.each(BAD)('lists every issue of $name', ({ type = 'Command', format = 'JSON', content, issues }) => {
    expect(issuesOf(type, format, content)).toEqual(issues);
  });

  it('marks each issue at its line and column in YAML and JSON', () => {
    const yaml = RESTART_SERVICE.replace('      runCommand:\n        - systemctl restart {{ service }}', '      runCommand: 42');
    const checked = validateDocument('Command', 'YAML', yaml);
    expect(checked.ok ? [] : checked.issues).toEqual([{ path: 'mainSteps[0].inputs.runCommand', message: 'expected a list of strings', line: 12, column: 7 }]);

    const missing = validateDocument('Command', 'JSON', '{\n  "schemaVersion": "2.2",\n  "mainSteps": [\n    {"action": "aws:runShellScript", "name": "x"}\n  ]\n}');
    // A missing key is marked where its object is.
    expect(missing.ok ? [] : missing.issues).toEqual([{ path: 'mainSteps[0].inputs', message: 'required; an object', line: 4, column: 5 }]);
  });

  it('gives what DescribeDocument shows: parameters with defaults as strings, platform types', () => {
    const checked = validateDocument(
      'Command',
      'JSON',
      command({
        description: 'Lists',
        parameters: { service: { type: 'String', description: 'Unit', default: 'nginx' }, hosts: { type: 'StringList', default: ['a', 'b'] }, count: { type: 'Integer', default: 3 }, tags: { type: 'StringMap', default: { Env: 'prod' } }, required: { type: 'String' } },
      }),
    );
    expect(checked.ok && checked.document).toMatchObject({
      documentType: 'Command',
      schemaVersion: '2.2',
      description: 'Lists',
      platformTypes: ['Linux'],
      parameters: [
        { name: 'service', type: 'String', description: 'Unit', defaultValue: 'nginx' },
        { name: 'hosts', type: 'StringList', defaultValue: '["a","b"]' },
        { name: 'count', type: 'Integer', defaultValue: '3' },
        { name: 'tags', type: 'StringMap', defaultValue: '{"Env":"prod"}' },
        { name: 'required', type: 'String' },
      ],
      mainSteps: [shellStep('run')],
    });
    expect(checked.ok && checked.document.parameters[4]).toEqual({ name: 'required', type: 'String' });
  });

  it('says a document whose every step is for another platform runs on no Opsdeck node', () => {
    const windowsOnly = command({ mainSteps: [{ ...shellStep('run'), precondition: { StringEquals: ['platformType', 'Windows'] } }] });
    const checked = validateDocument('Command', 'JSON', windowsOnly);
    expect(checked.ok && checked.document.platformTypes).toEqual([]);
  });

  it('reports the session type of Session documents', () => {
    const checked = validateDocument('Session', 'JSON', json({ schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: { idleSessionTimeout: '20' } }));
    expect(checked.ok && checked.document).toMatchObject({ sessionType: 'Standard_Stream', platformTypes: ['Linux'], parameters: [] });
  });
});
