import { describe, expect, it } from 'vitest';
import { validateNewName } from '@/server/parameters/names';
import { checkParameterName, lastLevel, parameterNameProblem, parentPathOfName } from './name-rules';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const PREFIX = `arn:opsdeck:ssm:${REGION}:${ACCOUNT}:parameter/`;

const brokenRules = (name: string) => checkParameterName(name, PREFIX).filter((rule) => !rule.isMet).map((rule) => rule.id);

describe('checkParameterName', () => {
  it('passes every rule for good names, flat or hierarchical', () => {
    for (const name of ['db-url', '/e2e/db/password', '/a.b/c_d/E-9', 'Name']) expect(brokenRules(name)).toEqual([]);
  });

  it('names the characters a name may not hold, in words', () => {
    const [characters] = checkParameterName('/prod/db pass#1', PREFIX);
    expect(characters).toMatchObject({ isMet: false, problem: "it contains a space, '#', which a parameter name may not" });
    expect(parameterNameProblem('/prod/db pass', PREFIX)).toBe("Name '/prod/db pass': it contains a space, which a parameter name may not.");
  });

  it('refuses names reserved for AWS, in any case, with or without a slash', () => {
    for (const name of ['aws-thing', '/AWS/x', 'ssm', '/Ssm/y']) expect(brokenRules(name)).toContain('reserved');
    expect(brokenRules('/myaws/x')).toEqual([]);
  });

  it('wants hierarchies fully qualified and without empty levels', () => {
    expect(checkParameterName('a/b', PREFIX)[2]!.problem).toBe("a hierarchical name starts with '/': try '/a/b'");
    expect(brokenRules('/a//b')).toEqual(['path']);
    expect(brokenRules('/a/b/')).toEqual(['path']);
  });

  it('counts levels up to 15', () => {
    const fifteen = `/${Array.from({ length: 15 }, (_, index) => `l${index}`).join('/')}`;
    expect(brokenRules(fifteen)).toEqual([]);
    expect(checkParameterName(`${fifteen}/x`, PREFIX)[3]).toMatchObject({ isMet: false, problem: 'it has 16 levels; a hierarchy can have at most 15' });
  });

  it('counts the ARN prefix in the length, as AWS does', () => {
    const awsPrefix = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/`.length;
    const longest = `/${'a'.repeat(1011 - awsPrefix)}`;
    expect(brokenRules(longest)).toEqual([]);
    expect(brokenRules(`${longest}a`)).toEqual(['length']);
  });

  it('agrees with the server on which names may be created', () => {
    const names = ['ok', '/ok/fine', 'bad name', '/aws/x', 'awsx', 'a/b', '/a//b', '/a/', '/', '', 'ünï', '/a.b-c_d', `/${'x/'.repeat(15)}y`, `/${'a'.repeat(990)}`, '/tab\there'];
    for (const name of names) {
      let serverAccepts = true;
      try {
        validateNewName(name, REGION, ACCOUNT);
      } catch {
        serverAccepts = false;
      }
      expect({ name, accepted: parameterNameProblem(name, PREFIX) === null }).toEqual({ name, accepted: serverAccepts && name !== '' });
    }
  });
});

describe('paths of names', () => {
  it('finds the parent path and the last level', () => {
    expect(parentPathOfName('/a/b/c')).toBe('/a/b');
    expect(parentPathOfName('/a')).toBe('/');
    expect(parentPathOfName('flat')).toBe('/');
    expect(lastLevel('/a/b')).toBe('b');
    expect(lastLevel('/')).toBe('/');
  });
});
