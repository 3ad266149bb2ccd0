import { z } from 'zod';
import { ASSOCIATION_SEVERITIES } from '@/db/schema';
import { RATE_PATTERN } from '@/server/runcommand/limits';

const targetSchema = z.object({
  Key: z.string().min(1).max(163),
  Values: z.array(z.string().min(1).max(256)).min(1).max(50),
});

const rate = (member: string) => z.string().regex(RATE_PATTERN, `${member} is a number like 10 or a percentage like 10%`);

export const associationSettingsInput = z.object({
  name: z
    .string()
    .regex(/^[a-zA-Z0-9_\-.]{3,128}$/, 'AssociationName is 3-128 letters, digits and _ - .')
    .optional(),
  documentName: z.string().min(3).max(256),
  documentVersion: z.string().regex(/^(\$DEFAULT|\$LATEST|[1-9][0-9]*)$/, 'DocumentVersion is $DEFAULT, $LATEST or a version number').optional(),
  parameters: z.record(z.string(), z.array(z.string().max(64 * 1024))).optional(),
  /** `InstanceIds: ['*']` means every managed node, as in AWS. */
  targets: z.array(targetSchema).min(1, 'Targets is required: which nodes the association applies to').max(5),
  scheduleExpression: z.string().min(1).max(256).optional(),
  scheduleOffset: z.number().int().min(1).max(6).optional(),
  applyOnlyAtCronInterval: z.boolean().optional(),
  maxConcurrency: rate('MaxConcurrency').optional(),
  maxErrors: rate('MaxErrors').optional(),
  complianceSeverity: z.enum(ASSOCIATION_SEVERITIES).optional(),
  automationTargetParameterName: z.string().min(1).max(50).optional(),
  calendarNames: z.array(z.string().min(1).max(512)).max(10).optional(),
});
export type AssociationSettingsInput = z.input<typeof associationSettingsInput>;

/** An update changes what it names; `null` clears an optional setting (a schedule back to run-once). */
export const updateAssociationInput = associationSettingsInput.partial().extend({
  name: associationSettingsInput.shape.name.unwrap().nullable().optional(),
  documentVersion: associationSettingsInput.shape.documentVersion.unwrap().nullable().optional(),
  scheduleExpression: associationSettingsInput.shape.scheduleExpression.unwrap().nullable().optional(),
  scheduleOffset: associationSettingsInput.shape.scheduleOffset.unwrap().nullable().optional(),
  automationTargetParameterName: associationSettingsInput.shape.automationTargetParameterName.unwrap().nullable().optional(),
  associationId: z.string().uuid('AssociationId is an association id'),
  /** AWS's optimistic check: the version the caller last saw. */
  associationVersion: z.string().regex(/^([1-9][0-9]*|\$LATEST)$/).optional(),
});
export type UpdateAssociationInput = z.input<typeof updateAssociationInput>;

export const listAssociationsInput = z.object({
  documentName: z.string().max(256).optional(),
  associationName: z.string().max(128).optional(),
  nodeId: z.string().max(32).optional(),
  maxResults: z.number().int().min(1).max(200).optional(),
  offset: z.number().int().min(0).optional(),
});
export type ListAssociationsInput = z.input<typeof listAssociationsInput>;
