import { z } from 'zod';
import { cancelCommand, getCommandInvocation, listCommandInvocations, listCommands, sendCommand } from '@/server/runcommand/service';
import { defineOperation } from '../operation';
import { decodeNextToken, nextTokenAfter } from '../pagination';

export const SendCommand = defineOperation({
  name: 'SendCommand',
  input: z.object({
    DocumentName: z.string({ message: 'DocumentName is required' }),
    DocumentVersion: z.string().optional(),
    InstanceIds: z.array(z.string()).optional(),
    Targets: z.array(z.object({ Key: z.string(), Values: z.array(z.string()) })).optional(),
    Parameters: z.record(z.string(), z.array(z.string())).optional(),
    Comment: z.string().optional(),
    TimeoutSeconds: z.number().int().optional(),
    MaxConcurrency: z.string().optional(),
    MaxErrors: z.string().optional(),
    // Accepted and ignored, as Opsdeck keeps output itself: S3/CloudWatch/SNS settings.
    DocumentHash: z.string().optional(),
    DocumentHashType: z.string().optional(),
    OutputS3BucketName: z.string().optional(),
    OutputS3KeyPrefix: z.string().optional(),
    OutputS3Region: z.string().optional(),
  }),
  async run(input, caller) {
    const command = await sendCommand(caller, {
      documentName: input.DocumentName,
      documentVersion: input.DocumentVersion,
      instanceIds: input.InstanceIds,
      targets: input.Targets,
      parameters: input.Parameters,
      comment: input.Comment,
      timeoutSeconds: input.TimeoutSeconds,
      maxConcurrency: input.MaxConcurrency,
      maxErrors: input.MaxErrors,
    });
    return { Command: command };
  },
});

const filters = z.array(z.object({ key: z.string(), value: z.string() })).optional();

export const ListCommands = defineOperation({
  name: 'ListCommands',
  input: z.object({ CommandId: z.string().optional(), InstanceId: z.string().optional(), Filters: filters, MaxResults: z.number().int().min(1).max(50).optional(), NextToken: z.string().optional() }),
  async run(input, caller) {
    const offset = decodeNextToken('ListCommands', input.NextToken);
    const page = await listCommands(caller, {
      commandId: input.CommandId,
      instanceId: input.InstanceId,
      filters: input.Filters as never,
      maxResults: input.MaxResults ?? 50,
      offset,
    });
    return { Commands: page.commands, NextToken: nextTokenAfter('ListCommands', offset, page.commands.length, page.hasMore) };
  },
});

export const ListCommandInvocations = defineOperation({
  name: 'ListCommandInvocations',
  input: z.object({
    CommandId: z.string().optional(),
    InstanceId: z.string().optional(),
    Details: z.boolean().optional(),
    Filters: filters,
    MaxResults: z.number().int().min(1).max(50).optional(),
    NextToken: z.string().optional(),
  }),
  async run(input, caller) {
    const offset = decodeNextToken('ListCommandInvocations', input.NextToken);
    const page = await listCommandInvocations(caller, { commandId: input.CommandId, instanceId: input.InstanceId, details: input.Details ?? false, maxResults: input.MaxResults ?? 50, offset });
    // Without Details AWS sends no plugin list at all.
    const invocations = page.invocations.map((invocation) => ({ ...invocation, CommandPlugins: input.Details ? invocation.CommandPlugins : undefined }));
    return { CommandInvocations: invocations, NextToken: nextTokenAfter('ListCommandInvocations', offset, invocations.length, page.hasMore) };
  },
});

export const GetCommandInvocation = defineOperation({
  name: 'GetCommandInvocation',
  input: z.object({ CommandId: z.string({ message: 'CommandId is required' }), InstanceId: z.string({ message: 'InstanceId is required' }), PluginName: z.string().optional() }),
  run: (input, caller) => getCommandInvocation(caller, { commandId: input.CommandId, instanceId: input.InstanceId, pluginName: input.PluginName }),
});

export const CancelCommand = defineOperation({
  name: 'CancelCommand',
  input: z.object({ CommandId: z.string({ message: 'CommandId is required' }), InstanceIds: z.array(z.string()).max(50).optional() }),
  async run(input, caller) {
    await cancelCommand(caller, { commandId: input.CommandId, instanceIds: input.InstanceIds });
    return {};
  },
});
