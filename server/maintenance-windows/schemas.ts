import { z } from 'zod';
import { MAINTENANCE_WINDOW_STATUSES, MAINTENANCE_WINDOW_TASK_TYPES } from '@/db/schema';
import { targetsSchema } from '@/server/resource-groups/schemas';
import { RATE_PATTERN } from '@/server/runcommand/limits';
import { scheduleSettingsSchema } from '@/server/schedules/expressions';
import { UUID_PATTERN } from '@/server/uuid';
import { WINDOW_ID_PATTERN } from './ids';

export const windowIdSchema = z.string({ message: 'WindowId is required' }).regex(WINDOW_ID_PATTERN, 'WindowId is mw- and 17 hex digits, like mw-0123456789abcdef0');
export const uuidSchema = (member: string) => z.string({ message: `${member} is required` }).regex(UUID_PATTERN, `${member} is an id like 1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f`);

const isoDate = (member: string) =>
  z
    .string()
    .refine((text) => !Number.isNaN(Date.parse(text)), `${member} is an ISO 8601 date and time, like 2026-12-01T00:00:00Z`)
    .transform((text) => new Date(text));

const rate = (member: string) => z.string().regex(RATE_PATTERN, `${member} is a number like 10 or a percentage like 10%`);

const settingsShape = {
  name: z.string({ message: 'Name is required' }).regex(/^[a-zA-Z0-9_\-.]{3,128}$/, 'Name is 3-128 letters, digits and _ - .'),
  description: z.string().max(128, 'Description has at most 128 characters').optional(),
  schedule: z.string({ message: 'Schedule is required: cron(...), rate(...) or at(...)' }).min(1, 'Schedule is required: cron(...), rate(...) or at(...)').max(256),
  scheduleTimezone: z.string().min(1).max(64).optional(),
  scheduleOffset: z.number().int().min(1, 'ScheduleOffset is 1 to 6 days').max(6, 'ScheduleOffset is 1 to 6 days').optional(),
  duration: z.number({ message: 'Duration is required' }).int().min(1, 'Duration is 1 to 24 hours').max(24, 'Duration is 1 to 24 hours'),
  cutoff: z.number({ message: 'Cutoff is required' }).int().min(0, 'Cutoff is 0 to 23 hours').max(23, 'Cutoff is 0 to 23 hours'),
  startDate: isoDate('StartDate').optional(),
  endDate: isoDate('EndDate').optional(),
  enabled: z.boolean().optional(),
  allowUnassociatedTargets: z.boolean().optional(),
  calendarNames: z.array(z.string().min(1).max(512)).max(10, 'CalendarNames takes at most 10 calendars').optional(),
};

type SettingsDraft = { schedule?: string; scheduleTimezone?: string | null; scheduleOffset?: number | null; duration?: number; cutoff?: number; startDate?: Date | null; endDate?: Date | null };

/** The rules that join several members; an update checks them on the window as it will be. */
export function settingsIssues(settings: SettingsDraft): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (settings.duration !== undefined && settings.cutoff !== undefined && settings.cutoff >= settings.duration) {
    issues.push({ path: 'cutoff', message: `Cutoff (${settings.cutoff} h) must be less than Duration (${settings.duration} h): no task could start otherwise` });
  }
  if (settings.schedule !== undefined) {
    const checked = scheduleSettingsSchema.safeParse({ expression: settings.schedule, timezone: settings.scheduleTimezone ?? undefined, scheduleOffsetDays: settings.scheduleOffset ?? undefined });
    if (!checked.success) {
      const part = checked.error.issues[0]!;
      const path = part.path[0] === 'timezone' ? 'scheduleTimezone' : part.path[0] === 'scheduleOffsetDays' ? 'scheduleOffset' : 'schedule';
      issues.push({ path, message: part.message });
    }
  }
  if (settings.startDate && settings.endDate && settings.endDate <= settings.startDate) {
    issues.push({ path: 'endDate', message: 'EndDate must be after StartDate' });
  }
  return issues;
}

export const createWindowInput = z.object(settingsShape).superRefine((settings, context) => {
  for (const issue of settingsIssues(settings)) context.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  if (settings.endDate && settings.endDate <= new Date()) context.addIssue({ code: 'custom', path: ['endDate'], message: 'EndDate must be in the future' });
});
export type CreateWindowInput = z.input<typeof createWindowInput>;

export const updateWindowInput = z
  .object(settingsShape)
  .partial()
  .extend({
    windowId: windowIdSchema,
    /** AWS's Replace: members left out are reset to their defaults instead of kept. */
    replace: z.boolean().optional(),
  });
export type UpdateWindowInput = z.input<typeof updateWindowInput>;

export const listWindowsInput = z.object({
  names: z.array(z.string()).optional(),
  enabled: z.boolean().optional(),
  maxResults: z.number().int().min(1).max(100).optional(),
  offset: z.number().int().min(0).optional(),
});
export type ListWindowsInput = z.input<typeof listWindowsInput>;

export const registerTargetInput = z
  .object({
    windowId: windowIdSchema,
    resourceType: z.enum(['INSTANCE', 'RESOURCE_GROUP'], { message: 'ResourceType is INSTANCE or RESOURCE_GROUP' }),
    targets: targetsSchema,
    ownerInformation: z.string().max(128, 'OwnerInformation has at most 128 characters').optional(),
    name: z.string().regex(/^[a-zA-Z0-9_\-.]{3,128}$/, 'Name is 3-128 letters, digits and _ - .').optional(),
    description: z.string().max(128).optional(),
  })
  .superRefine((input, context) => {
    const keys = input.targets.map((target) => target.Key);
    const isGroupKey = (key: string) => key.startsWith('resource-groups:');
    if (input.resourceType === 'RESOURCE_GROUP' && !keys.includes('resource-groups:Name')) {
      context.addIssue({ code: 'custom', path: ['targets'], message: 'a RESOURCE_GROUP target names its group: Key=resource-groups:Name,Values=<group>' });
    }
    if (input.resourceType === 'INSTANCE' && keys.some(isGroupKey)) {
      context.addIssue({ code: 'custom', path: ['targets'], message: 'resource-groups: keys need ResourceType RESOURCE_GROUP' });
    }
    for (const key of keys) {
      if (input.resourceType === 'INSTANCE' && !(key === 'InstanceIds' || key === 'tag-key' || key.startsWith('tag:'))) {
        context.addIssue({ code: 'custom', path: ['targets'], message: `unknown target key '${key}': an INSTANCE target uses InstanceIds, tag:<key> or tag-key` });
      }
    }
  });
export type RegisterTargetInput = z.input<typeof registerTargetInput>;

const taskTargetsSchema = z
  .array(
    z.object({
      Key: z.enum(['WindowTargetIds', 'InstanceIds'], { message: 'a task targets Key=WindowTargetIds (or Key=InstanceIds)' }),
      Values: z.array(z.string().min(1).max(256)).min(1, 'a target needs at least one value').max(50),
    }),
  )
  .max(5);

export const registerTaskInput = z
  .object({
    windowId: windowIdSchema,
    taskType: z.enum(MAINTENANCE_WINDOW_TASK_TYPES, { message: `TaskType is ${MAINTENANCE_WINDOW_TASK_TYPES.join(', ')}` }),
    taskArn: z.string().min(1, 'TaskArn is required').max(1600),
    targets: taskTargetsSchema.optional(),
    priority: z.number().int().min(0, 'Priority is 0 or more (lower runs first)').max(1000).optional(),
    maxConcurrency: rate('MaxConcurrency').optional(),
    maxErrors: rate('MaxErrors').optional(),
    cutoffBehavior: z.enum(['CONTINUE_TASK', 'CANCEL_TASK']).optional(),
    name: z.string().regex(/^[a-zA-Z0-9_\-.]{3,128}$/, 'Name is 3-128 letters, digits and _ - .').optional(),
    description: z.string().max(128).optional(),
    parameters: z.record(z.string(), z.array(z.string().max(64 * 1024))).optional(),
    documentVersion: z.string().regex(/^(\$DEFAULT|\$LATEST|[1-9][0-9]*)$/, 'DocumentVersion is $DEFAULT, $LATEST or a version number').optional(),
    comment: z.string().max(100).optional(),
    timeoutSeconds: z.number().int().optional(),
    /** WEBHOOK: JSON text for the payload. */
    payload: z.string().max(64 * 1024).optional(),
    /** WEBHOOK: the HMAC secret; one is generated (and returned once) when left out. */
    webhookSecret: z.string().min(16, 'the webhook secret has at least 16 characters').max(256).optional(),
  })
  .superRefine((input, context) => {
    const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if (input.taskType === 'RUN_COMMAND' && !input.targets?.length) issue('targets', 'a RUN_COMMAND task needs Targets: Key=WindowTargetIds,Values=<window target ids>');
    if (input.taskType === 'WEBHOOK' && !/^https?:\/\/[^\s/]+/.test(input.taskArn)) issue('taskArn', `a WEBHOOK task's TaskArn is the http(s) URL to call, not '${input.taskArn}'`);
    if (input.taskType === 'WEBHOOK' && input.timeoutSeconds !== undefined && (input.timeoutSeconds < 1 || input.timeoutSeconds > 300)) issue('timeoutSeconds', 'a webhook times out after 1 to 300 seconds');
    if (input.taskType === 'RUN_COMMAND' && input.timeoutSeconds !== undefined && (input.timeoutSeconds < 30 || input.timeoutSeconds > 2_592_000)) issue('timeoutSeconds', 'TimeoutSeconds is 30 to 2592000');
    if (input.payload !== undefined && input.taskType !== 'WEBHOOK') issue('payload', 'a payload is for WEBHOOK tasks');
    if (input.payload !== undefined) {
      try {
        JSON.parse(input.payload);
      } catch {
        issue('payload', 'the webhook payload is JSON text, like {"reason": "patching"}');
      }
    }
    if (input.webhookSecret !== undefined && input.taskType !== 'WEBHOOK') issue('webhookSecret', 'a secret is for WEBHOOK tasks');
  });
export type RegisterTaskInput = z.input<typeof registerTaskInput>;

export const listExecutionsInput = z.object({
  windowId: windowIdSchema,
  statuses: z.array(z.enum(MAINTENANCE_WINDOW_STATUSES)).optional(),
  startedAfter: z.date().optional(),
  startedBefore: z.date().optional(),
  maxResults: z.number().int().min(1).max(100).optional(),
  offset: z.number().int().min(0).optional(),
});
export type ListExecutionsInput = z.input<typeof listExecutionsInput>;
