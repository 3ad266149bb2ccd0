import { describe, expect, it } from 'vitest';
import { selectOutputs, selectorProblem, selectValue } from './selectors';

/** Shaped like real action responses: GetParameter, DescribeInstanceInformation and an executeScript result. */
const RESPONSE = {
  Parameter: { Name: '/app/db/host', Value: 'db.internal', Version: 3 },
  InstanceInformationList: [
    { InstanceId: 'mi-0001', PingStatus: 'Online', Tags: { Env: 'prod' } },
    { InstanceId: 'mi-0002', PingStatus: 'ConnectionLost', Tags: { Env: 'dev' } },
  ],
  Payload: { count: 3, countText: '42', bad: 'abc', ratio: 1.5, ok: true, okText: 'True', hosts: ['a', 'b'], one: ['only'], nothing: null, tags: { team: 'ops' } },
};

describe('selectOutputs', () => {
  it('selects and types outputs the way AWS runbooks declare them', () => {
    expect(
      selectOutputs(RESPONSE, [
        { Name: 'host', Selector: '$.Parameter.Value', Type: 'String' },
        { Name: 'version', Selector: '$.Parameter.Version', Type: 'Integer' },
        { Name: 'ping', Selector: '$.InstanceInformationList[0].PingStatus', Type: 'String' },
        { Name: 'ids', Selector: '$.InstanceInformationList[*].InstanceId', Type: 'StringList' },
        { Name: 'tags', Selector: '$.Payload.tags', Type: 'StringMap' },
        { Name: 'nodes', Selector: '$.InstanceInformationList', Type: 'MapList' },
        { Name: 'ok', Selector: '$.Payload.ok', Type: 'Boolean' },
      ]),
    ).toEqual({
      host: 'db.internal',
      version: 3,
      ping: 'Online',
      ids: ['mi-0001', 'mi-0002'],
      tags: { team: 'ops' },
      nodes: RESPONSE.InstanceInformationList,
      ok: true,
    });
  });

  it('converts between types as AWS does', () => {
    expect(
      selectOutputs(RESPONSE, [
        { Name: 'countText', Selector: '$.Payload.countText', Type: 'Integer' },
        { Name: 'countAsText', Selector: '$.Payload.count', Type: 'String' },
        { Name: 'okAsText', Selector: '$.Payload.ok', Type: 'String' },
        { Name: 'okFromText', Selector: '$.Payload.okText', Type: 'Boolean' },
        { Name: 'countAsList', Selector: '$.Payload.count', Type: 'StringList' },
        { Name: 'onlyItem', Selector: '$.Payload.one', Type: 'String' },
        { Name: 'wildcardOfOne', Selector: '$.InstanceInformationList[0:1].Tags.Env', Type: 'String' },
      ]),
    ).toEqual({ countText: 42, countAsText: '3', okAsText: 'true', okFromText: true, countAsList: ['3'], onlyItem: 'only', wildcardOfOne: 'prod' });
  });

  it('takes String when Type is left out, as AWS does', () => {
    expect(selectOutputs(RESPONSE, [{ Name: 'v', Selector: '$.Parameter.Version' }])).toEqual({ v: '3' });
  });

  it('keeps a wildcard match of one item a list, so MapList and StringList outputs do not change shape with the data', () => {
    const oneNode = { InstanceInformationList: [RESPONSE.InstanceInformationList[0]] };
    expect(selectOutputs(oneNode, [{ Name: 'nodes', Selector: '$.InstanceInformationList[*]', Type: 'MapList' }])).toEqual({ nodes: oneNode.InstanceInformationList });
    expect(selectOutputs(oneNode, [{ Name: 'ids', Selector: '$..InstanceId', Type: 'StringList' }])).toEqual({ ids: ['mi-0001'] });
  });

  it.each([
    { output: { Name: 'count', Selector: '$.Payload.bad', Type: 'Integer' }, message: `output 'count': selector $.Payload.bad found "abc", which is not an Integer` },
    { output: { Name: 'ratio', Selector: '$.Payload.ratio', Type: 'Integer' }, message: `output 'ratio': selector $.Payload.ratio found 1.5, which is not an Integer` },
    { output: { Name: 'missing', Selector: '$.Payload.nope', Type: 'String' }, message: `output 'missing': selector $.Payload.nope matched nothing in the step's output` },
    { output: { Name: 'index', Selector: '$.InstanceInformationList[5].PingStatus', Type: 'String' }, message: `output 'index': selector $.InstanceInformationList[5].PingStatus matched nothing in the step's output` },
    { output: { Name: 'null', Selector: '$.Payload.nothing', Type: 'String' }, message: `output 'null': selector $.Payload.nothing found null, which is not a String` },
    { output: { Name: 'map', Selector: '$.Payload.tags', Type: 'String' }, message: `output 'map': selector $.Payload.tags found {"team":"ops"}, which is not a String` },
    { output: { Name: 'two', Selector: '$.Payload.hosts', Type: 'String' }, message: `output 'two': selector $.Payload.hosts found ["a","b"], which is not a String` },
    { output: { Name: 'yes', Selector: '$.Payload.bad', Type: 'Boolean' }, message: `output 'yes': selector $.Payload.bad found "abc", which is not a Boolean` },
    { output: { Name: 'list', Selector: '$.InstanceInformationList', Type: 'StringList' }, message: `output 'list': selector $.InstanceInformationList found [{"InstanceId":"mi-0001","PingStatus":"Online","Tags":{"Env":"prod"}},{"Insta..., which is not a StringList` },
    { output: { Name: 'maps', Selector: '$.Payload.hosts', Type: 'MapList' }, message: `output 'maps': selector $.Payload.hosts found ["a","b"], which is not a MapList` },
    { output: { Name: 'map', Selector: '$.Payload.hosts', Type: 'StringMap' }, message: `output 'map': selector $.Payload.hosts found ["a","b"], which is not a StringMap` },
    { output: { Name: 't', Selector: '$.Payload.count', Type: 'Number' }, message: `output 't': Type 'Number' is not one of String, StringList, Integer, Boolean, MapList, StringMap` },
    { output: { Name: 'rel', Selector: 'Payload.count', Type: 'String' }, message: `output 'rel': selector "Payload.count" is not a JSONPath; it starts with $, like $.Payload.value` },
  ])('says exactly why $output.Name has no value', ({ output, message }) => {
    expect(() => selectOutputs(RESPONSE, [output])).toThrow(new Error(message));
  });

  it('matches nothing in an absent payload', () => {
    expect(() => selectOutputs(undefined, [{ Name: 'x', Selector: '$.a', Type: 'String' }])).toThrow("output 'x': selector $.a matched nothing in the step's output");
  });
});

describe('selectValue', () => {
  it('returns every match', () => {
    expect(selectValue(RESPONSE, '$.InstanceInformationList[*].PingStatus')).toEqual(['Online', 'ConnectionLost']);
    expect(selectValue(RESPONSE, '$..Env')).toEqual(['prod', 'dev']);
    expect(selectValue(RESPONSE, "$['Parameter']['Name']")).toEqual(['/app/db/host']);
    expect(selectValue(RESPONSE, '$.Payload.hosts')).toEqual([['a', 'b']]);
    expect(selectValue(RESPONSE, '$.nope')).toEqual([]);
    expect(selectValue([1, 2, 3], '$[-1:]')).toEqual([3]);
  });

  it('does not reach inherited properties of the payload', () => {
    expect(selectValue({ a: {} }, '$.a.constructor')).toEqual([]);
    expect(selectValue({ a: {} }, '$.a.toString')).toEqual([]);
  });

  it('refuses script expressions, which would run code inside the server', () => {
    expect(() => selectValue(RESPONSE, '$.InstanceInformationList[?(@.PingStatus == "Online")]')).toThrow(/script expression .* which Opsdeck does not run/);
    expect(() => selectValue(RESPONSE, '$.InstanceInformationList[(@.length-1)]')).toThrow(/script expression/);
  });
});

describe('selectorProblem', () => {
  it.each([
    ['$.a[', 'selector $.a[ has an unclosed bracket or quote'],
    ["$['a]", "selector $['a] has an unclosed bracket or quote"],
    ['$.a]', 'selector $.a] has an unclosed bracket or quote'],
    ['$.a.', 'selector $.a. ends with a dot; name the property after it'],
    ['a.b', 'selector "a.b" is not a JSONPath; it starts with $, like $.Payload.value'],
  ])('%s', (selector, message) => {
    expect(selectorProblem(selector)).toBe(message);
  });

  it('accepts the selectors AWS runbooks use', () => {
    for (const selector of ['$', '$.Payload', '$.Reservations[0].Instances[0].ImageId', "$['a.b']", '$..Id', '$.Items[*].Id', '$.Items[0:2]']) expect(selectorProblem(selector)).toBeUndefined();
  });
});
