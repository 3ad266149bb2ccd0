import { z } from 'zod';
import { deregisterNode, listNodes, type NodeFilters } from '@/server/fleet/service';
import { PING_STATUS_VALUES, PLATFORM_VALUES } from '@/server/fleet/filters';
import type { NodeView } from '@/server/fleet/node-view';
import { OpsdeckError } from '@/server/errors';
import { defineOperation } from '../operation';
import { decodeNextToken, nextTokenAfter } from '../pagination';

// InstanceInformationFilterList keys and Filters keys name the same things differently; each maps
// onto a Fleet Manager filter, so the API and the console select nodes with the same SQL.
const PING_STATUSES = z.array(z.enum(PING_STATUS_VALUES));
const PLATFORMS = z.array(z.enum(PLATFORM_VALUES));
const RESOURCE_TYPES = z.array(z.enum(['ManagedInstance', 'EC2Instance']));
const FILTER_TARGETS: Record<string, (filters: NodeFilters, values: string[]) => void> = {
  InstanceIds: (filters, values) => (filters.nodeIds = values),
  PingStatus: (filters, values) => (filters.status = PING_STATUSES.parse(values)),
  PlatformTypes: (filters, values) => (filters.platform = PLATFORMS.parse(values)),
  PlatformType: (filters, values) => (filters.platform = PLATFORMS.parse(values)),
  AgentVersion: (filters, values) => (filters.agent = values),
  ResourceType: (filters, values) => (filters.resourceTypes = RESOURCE_TYPES.parse(values)),
};

function toNodeFilters(pairs: { key: string; values: string[] }[]): NodeFilters {
  const filters: NodeFilters = {};
  for (const { key, values } of pairs) {
    if (key.startsWith('tag:')) {
      filters.tag = [...(filters.tag ?? []), { key: key.slice(4), values }];
      continue;
    }
    const target = FILTER_TARGETS[key];
    if (!target) {
      throw new OpsdeckError('InvalidInstanceInformationFilterValue', `the filter key ${key} is not supported; use one of ${[...Object.keys(FILTER_TARGETS), 'tag:<key>'].join(', ')}`);
    }
    const parsed = z.array(z.string().max(256)).max(50).safeParse(values);
    if (!parsed.success) throw new OpsdeckError('InvalidInstanceInformationFilterValue', `the filter ${key} takes at most 50 values of at most 256 characters`);
    try {
      target(filters, parsed.data);
    } catch {
      throw new OpsdeckError('InvalidInstanceInformationFilterValue', `${JSON.stringify(values)} is not a valid value list for the filter ${key}`);
    }
  }
  return filters;
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
    const page = await listNodes(caller, { sort: 'nodeId', limit: input.MaxResults, offset, filters: toNodeFilters(pairs) });
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
