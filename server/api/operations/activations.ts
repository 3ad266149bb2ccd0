import { z } from 'zod';
import { createActivation, deleteActivation, listActivations, type ActivationView } from '@/server/activations/service';
import { awsTags, awsTimestamp, toAwsTags } from '../aws-json';
import { defineOperation } from '../operation';
import { decodeNextToken, nextTokenAfter } from '../pagination';

export const CreateActivation = defineOperation({
  name: 'CreateActivation',
  input: z.object({
    Description: z.string().optional(),
    DefaultInstanceName: z.string().optional(),
    IamRole: z.string().optional(),
    RegistrationLimit: z.number().optional(),
    ExpirationDate: awsTimestamp.optional(),
    Tags: awsTags.optional(),
    RegistrationMetadata: z.array(z.object({ Key: z.string(), Value: z.string() })).optional(),
  }),
  async run(input, caller) {
    const created = await createActivation(caller, {
      description: input.Description,
      defaultInstanceName: input.DefaultInstanceName,
      iamRole: input.IamRole,
      registrationLimit: input.RegistrationLimit,
      expirationDate: input.ExpirationDate,
      tags: input.Tags,
    });
    return { ActivationId: created.activationId, ActivationCode: created.activationCode };
  },
});

const FILTER_KEYS = { ActivationIds: 'activationIds', DefaultInstanceName: 'defaultInstanceNames', IamRole: 'iamRoles' } as const;

function toAwsActivation(activation: ActivationView) {
  return {
    ActivationId: activation.activationId,
    Description: activation.description,
    DefaultInstanceName: activation.defaultInstanceName ?? undefined,
    IamRole: activation.iamRole ?? undefined,
    RegistrationLimit: activation.registrationLimit,
    RegistrationsCount: activation.registrationsCount,
    ExpirationDate: activation.expirationDate,
    Expired: activation.isExpired,
    CreatedDate: activation.createdDate,
    Tags: toAwsTags(activation.tags),
  };
}

export const DescribeActivations = defineOperation({
  name: 'DescribeActivations',
  input: z.object({
    Filters: z
      .array(z.object({ FilterKey: z.enum(['ActivationIds', 'DefaultInstanceName', 'IamRole']), FilterValues: z.array(z.string()).min(1) }))
      .optional(),
    MaxResults: z.number().int().min(1).max(50).default(50),
    NextToken: z.string().optional(),
  }),
  async run(input, caller) {
    const offset = decodeNextToken('DescribeActivations', input.NextToken);
    const filters = Object.fromEntries((input.Filters ?? []).map((filter) => [FILTER_KEYS[filter.FilterKey], filter.FilterValues]));
    const page = await listActivations(caller, { ...filters, limit: input.MaxResults, offset });
    return {
      ActivationList: page.activations.map(toAwsActivation),
      NextToken: nextTokenAfter('DescribeActivations', offset, page.activations.length, page.hasMore),
    };
  },
});

export const DeleteActivation = defineOperation({
  name: 'DeleteActivation',
  input: z.object({ ActivationId: z.string({ message: 'ActivationId is required' }) }),
  async run(input, caller) {
    await deleteActivation(caller, input.ActivationId);
    return {};
  },
});
