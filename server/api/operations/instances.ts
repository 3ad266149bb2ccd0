import { z } from 'zod';
import { deregisterNode, listNodes, type NodeFilters } from '@/server/fleet/service';
import type { NodeView } from '@/server/fleet/node-view';
import { OpsdeckError } from '@/server/errors';
import { defineOperation } from '../operation';
import { decodeNextToken, nextTokenAfter } from '../pagination';

// InstanceInformationFilterList keys and Filters keys name the same things differently.
const FILTER_TARGETS: Record<string, keyof Omit<NodeFilters, 'tags'>> = {
  InstanceIds: 'nodeIds',
  PingStatus: 'pingStatus',
  PlatformTypes: 'platformTypes',
  PlatformType: 'platformTypes',
  AgentVersion: 'agentVersions',
  ResourceType: 'resourceTypes',
};

function toNodeFilters(pairs: { key: string; values: string[] }[]): NodeFilters {
  const filters: Record<string, unknown> = {};
  const tags: Record<string, string[]> = {};
  for (const { key, values } of pairs) {
    if (key.startsWith('tag:')) {
      tags[key.slice(4)] = values;
      continue;
    }
    const target = FILTER_TARGETS[key];
    if (!target) {
      throw new OpsdeckError('InvalidInstanceInformationFilterValue', `the filter key ${key} is not supported; use one of ${[...Object.keys(FILTER_TARGETS), 'tag:<key>'].join(', ')}`);
    }
    filters[target] = values;
  }
  if (Object.keys(tags).length > 0) filters.tags = tags;
  return filters as NodeFilters;
}

function toAwsInstance(node: NodeView) {
  return {
    InstanceId: node.nodeId,
    PingStatus: node.pingStatus,
    LastPingDateTime: node.lastPingDateTime ?? undefined,
    AgentVersion: node.agentVersion ?? undefined,
    IsLatestVersion: true,
    PlatformType: node.platformType ?? undefined,
    PlatformName: node.platformName ?? undefined,
    PlatformVersion: node.platformVersion ?? undefined,
    ActivationId: node.activationId ?? undefined,
    RegistrationDate: node.registrationDate,
    ResourceType: 'ManagedInstance',
    Name: node.name,
    IPAddress: node.ipAddress ?? undefined,
    ComputerName: node.computerName ?? undefined,
    SourceId: node.nodeId,
    SourceType: 'AWS::SSM::ManagedInstance',
  };
}

export const DescribeInstanceInformation = defineOperation({
  name: 'DescribeInstanceInformation',
  input: z
    .object({
      InstanceInformationFilterList: z.array(z.object({ key: z.string(), valueSet: z.array(z.string()).min(1) })).optional(),
      Filters: z.array(z.object({ Key: z.string(), Values: z.array(z.string()).min(1) })).optional(),
      MaxResults: z.number().int().min(5, 'MaxResults is at least 5').max(50, 'MaxResults is at most 50').default(50),
      NextToken: z.string().optional(),
    })
    .refine((input) => !(input.InstanceInformationFilterList && input.Filters), 'use either InstanceInformationFilterList or Filters, not both'),
  async run(input, caller) {
    const offset = decodeNextToken('DescribeInstanceInformation', input.NextToken);
    const pairs = [
      ...(input.InstanceInformationFilterList ?? []).map((filter) => ({ key: filter.key, values: filter.valueSet })),
      ...(input.Filters ?? []).map((filter) => ({ key: filter.Key, values: filter.Values })),
    ];
    const page = await listNodes(caller, { sortBy: 'nodeId', limit: input.MaxResults, offset, filters: toNodeFilters(pairs) });
    return {
      InstanceInformationList: page.nodes.map(toAwsInstance),
      NextToken: nextTokenAfter('DescribeInstanceInformation', offset, page.nodes.length, offset + page.nodes.length < page.total),
    };
  },
});

export const DeregisterManagedInstance = defineOperation({
  name: 'DeregisterManagedInstance',
  input: z.object({ InstanceId: z.string({ message: 'InstanceId is required' }) }),
  async run(input, caller) {
    await deregisterNode(caller, input.InstanceId);
    return {};
  },
});
