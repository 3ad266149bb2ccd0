import { describe, expect, it } from 'vitest';
import { ACTION_SPECS, AUTOMATION_VARIABLES, isAutomationAction } from '@/server/automation/catalog';
import { chooseNextStep } from '@/server/automation/conditions';
import { substitute, type SubstitutionScope } from '@/server/automation/substitute';
import { formatIssue } from '../content';
import { checkParameterValue, findReferences, type ParameterDefinition } from '../parameters';
import { validateDocument, type ParsedDocument } from '../validate';
import { BUILTIN_DOCUMENTS } from './index';

const RUNBOOKS = BUILTIN_DOCUMENTS.filter((document) => document.documentType === 'Automation');

function parsed(name: string): ParsedDocument {
  const builtin = RUNBOOKS.find((document) => document.name === name)!;
  const checked = validateDocument(builtin.documentType, builtin.documentFormat, builtin.content);
  if (!checked.ok) throw new Error(checked.issues.map(formatIssue).join('\n'));
  return checked.document;
}

function parameter(runbook: string, name: string): ParameterDefinition {
  return parsed(runbook).parameterDefinitions.find((definition) => definition.name === name)!;
}

function step(runbook: string, name: string): Record<string, unknown> {
  return parsed(runbook).mainSteps.find((candidate) => candidate.name === name)!;
}

function scope(values: Record<string, unknown>, stepOutputs: Record<string, unknown> = {}): SubstitutionScope {
  return {
    values,
    stepOutputs,
    variables: { 'automation:EXECUTION_ID': '0b6c1f0e-0000-4000-8000-000000000001' },
    stepNames: new Set(),
    resolveStore: async (kind, name) => `<${kind}:${name}>`,
  };
}

function references(value: unknown): string[] {
  if (typeof value === 'string') return findReferences(value).filter((reference) => reference.kind === 'parameter').map((reference) => reference.name);
  if (Array.isArray(value)) return value.flatMap(references);
  if (value && typeof value === 'object') return Object.values(value).flatMap(references);
  return [];
}

describe('built-in Automation runbooks', () => {
  it('are the four runbooks, YAML, schema 0.3, with a description on the runbook and every parameter', () => {
    expect(RUNBOOKS.map((document) => document.name).sort()).toEqual(['AWS-CollectDiagnostics', 'Opsdeck-PatchInstanceWithRollback', 'Opsdeck-RestartService', 'Opsdeck-RotateParameter']);
    for (const runbook of RUNBOOKS) {
      expect(runbook.documentFormat).toBe('YAML');
      const document = parsed(runbook.name);
      expect(document.schemaVersion, runbook.name).toBe('0.3');
      expect(document.description?.length, runbook.name).toBeGreaterThan(40);
      for (const definition of document.parameterDefinitions) expect(definition.description?.length, `${runbook.name}.${definition.name}`).toBeGreaterThan(10);
    }
  });

  it('use only actions and inputs the engine runs, and reference only parameters, variables and earlier steps', () => {
    for (const runbook of RUNBOOKS) {
      const document = parsed(runbook.name);
      const parameters = document.parameterDefinitions.map((definition) => definition.name);
      const earlier: string[] = [];
      for (const candidate of document.mainSteps) {
        const action = candidate.action as string;
        const where = `${runbook.name}.${String(candidate.name)}`;
        expect(isAutomationAction(action), where).toBe(true);
        if (!isAutomationAction(action)) continue;
        const inputs = (candidate.inputs ?? {}) as Record<string, unknown>;
        const spec = ACTION_SPECS[action];
        for (const required of spec.requiredInputs) expect(inputs, where).toHaveProperty(required);
        // executeAwsApi passes every other input to the operation as its request members.
        if (action !== 'aws:executeAwsApi') for (const key of Object.keys(inputs)) expect(spec.knownInputs, `${where} input ${key}`).toContain(key);
        for (const name of references(inputs)) {
          const isKnown = parameters.includes(name) || (AUTOMATION_VARIABLES as readonly string[]).includes(name) || earlier.some((stepName) => name.startsWith(`${stepName}.`));
          expect(isKnown, `${where} refers to {{ ${name} }}`).toBe(true);
        }
        earlier.push(String(candidate.name));
      }
    }
  });
});

describe('Opsdeck-RestartService', () => {
  it('refuses service names that could inject shell text, options or paths (security)', () => {
    const serviceName = parameter('Opsdeck-RestartService', 'ServiceName');
    for (const bad of ['nginx; rm -rf /', 'nginx && id', '$(id)', '`id`', "a'b", 'a b', '-h', '--now', '../../bin/sh', '.', '..', 'a/b', 'a|b', 'x\nreboot', '']) {
      expect(checkParameterValue(serviceName, bad), JSON.stringify(bad)).not.toEqual([]);
    }
    for (const good of ['nginx', 'ssh.service', 'getty@tty1', 'php8.2-fpm', 'systemd-journald', 'my_daemon']) {
      expect(checkParameterValue(serviceName, good), good).toEqual([]);
    }
    const instanceId = parameter('Opsdeck-RestartService', 'InstanceId');
    expect(checkParameterValue(instanceId, 'mi-0123456789abcdef0')).toEqual([]);
    expect(checkParameterValue(instanceId, 'mi-0123456789abcdef0; id')).not.toEqual([]);
  });

  it('skips the approval when Approvers is empty and asks for it otherwise', async () => {
    const branch = step('Opsdeck-RestartService', 'needsApproval');
    const decide = async (approvers: string[]) => chooseNextStep(await substitute(branch.inputs, scope({ Approvers: approvers })));
    expect(await decide([])).toEqual({ nextStep: 'restart' });
    expect(await decide(['admin'])).toEqual({ nextStep: 'approve' });
    expect(await decide(['ops', 'admin'])).toEqual({ nextStep: 'approve' });
    expect(parameter('Opsdeck-RestartService', 'Approvers').default).toEqual([]);
  });
});

describe('Opsdeck-PatchInstanceWithRollback', () => {
  it('refuses package names that could break out of the quoted list or read as options (security)', () => {
    const names = parameter('Opsdeck-PatchInstanceWithRollback', 'PackageNames');
    for (const bad of ["x'; reboot; '", 'a b', '-y', '--allow-unauthenticated', '$(id)', 'a"b', 'a,b', '[a]']) {
      expect(checkParameterValue(names, [bad]), bad).not.toEqual([]);
    }
    expect(checkParameterValue(names, ['openssl', 'libssl3:amd64', 'g++', 'python3.11', 'kernel-core', 'NetworkManager'])).toEqual([]);
  });

  it('records and restores versions in a file named after the execution, and ends after a healthy check', async () => {
    const snapshot = (await substitute(step('Opsdeck-PatchInstanceWithRollback', 'snapshot').inputs, scope({ InstanceId: 'mi-0123456789abcdef0' }))) as { Parameters: { commands: string[] } };
    expect(snapshot.Parameters.commands.join('\n')).toContain('LIST="$DIR/0b6c1f0e-0000-4000-8000-000000000001.list"');
    expect(step('Opsdeck-PatchInstanceWithRollback', 'patch')).toMatchObject({ onFailure: 'step:rollback' });
    expect(step('Opsdeck-PatchInstanceWithRollback', 'healthCheck')).toMatchObject({ onFailure: 'step:rollback', isEnd: true });
    const patch = (await substitute(step('Opsdeck-PatchInstanceWithRollback', 'patch').inputs, scope({ InstanceId: 'mi-0123456789abcdef0', PackageNames: ['openssl', 'libssl3:amd64'] }))) as { Parameters: { commands: string[] } };
    expect(patch.Parameters.commands.join('\n')).toContain(`printf '%s' '["openssl","libssl3:amd64"]'`);
  });
});

describe('Opsdeck-RotateParameter', () => {
  it('leaves a {{ssm-secure:NAME:VERSION}} reference for Run Command to resolve, never a value', async () => {
    const verify = step('Opsdeck-RotateParameter', 'verify');
    const inputs = (await substitute(verify.inputs, scope({ ParameterName: '/app/db/password', Length: '40', VerifyInstanceId: 'mi-0123456789abcdef0' }, { 'rotate.Version': 7 }))) as {
      Parameters: { commands: string[] };
    };
    const script = inputs.Parameters.commands.join('\n');
    expect(script).toContain('\n{{ssm-secure:/app/db/password:7}}\n');
    expect(findReferences(script)).toEqual([expect.objectContaining({ kind: 'ssm-secure', name: '/app/db/password:7' })]);
    expect(script).toContain(`[ "$LENGTH" -ne '40' ]`);
  });

  it('takes parameter names and lengths only of the safe shapes (security)', () => {
    const name = parameter('Opsdeck-RotateParameter', 'ParameterName');
    for (const bad of ['/app/x}}{{ssm-secure:/other', "/a'b", '/a b', 'a/b/../c}}', '']) expect(checkParameterValue(name, bad), bad).not.toEqual([]);
    for (const good of ['/app/db/password', 'db-password', '/a/b.c/d_e']) expect(checkParameterValue(name, good), good).toEqual([]);
    const length = parameter('Opsdeck-RotateParameter', 'Length');
    for (const bad of ['0', '5', '32; id', '-1', '99999', 'x']) expect(checkParameterValue(length, bad), bad).not.toEqual([]);
  });
});
