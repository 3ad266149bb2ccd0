import { z } from 'zod';

const nameSchema = z.string({ message: 'Name is required' }).trim().min(1, 'Name must not be empty').max(2048, 'Name is at most 2048 characters');
const typeSchema = z.enum(['String', 'StringList', 'SecureString'], { message: "Type is 'String', 'StringList' or 'SecureString'" });

export const putParameterInput = z.object({
  Name: nameSchema,
  Value: z.string({ message: 'Value is required' }).min(1, 'Value must not be empty'),
  Type: typeSchema.optional(),
  Description: z.string().max(1024, 'Description is at most 1024 characters').optional(),
  KeyId: z.string().trim().min(1).max(256, 'KeyId is at most 256 characters').optional(),
  Overwrite: z.boolean().optional(),
  AllowedPattern: z.string().max(1024, 'AllowedPattern is at most 1024 characters').optional(),
  // Kept as AWS's list (not turned into a map) so a parsed request parses again unchanged.
  Tags: z.array(z.object({ Key: z.string().min(1).max(128), Value: z.string().max(256) }), { message: 'Tags is a list of {Key, Value}' }).max(50, 'Tags takes at most 50 tags').optional(),
  Tier: z.enum(['Standard', 'Advanced', 'Intelligent-Tiering'], { message: "Tier is 'Standard', 'Advanced' or 'Intelligent-Tiering'" }).optional(),
  Policies: z.string().max(4096, 'Policies is at most 4096 characters').optional(),
  DataType: z.string().min(1).max(128).optional(),
});
export type PutParameterInput = z.input<typeof putParameterInput>;

export const getParameterInput = z.object({ Name: nameSchema, WithDecryption: z.boolean().optional() });
export type GetParameterInput = z.input<typeof getParameterInput>;

export const getParametersInput = z.object({
  Names: z.array(nameSchema).min(1, 'Names must name at least one parameter').max(10, 'Names takes at most 10 parameters'),
  WithDecryption: z.boolean().optional(),
});
export type GetParametersInput = z.input<typeof getParametersInput>;

export const parameterStringFilter = z.object({
  Key: z.string().min(1).max(132),
  Option: z.string().min(1).max(10).optional(),
  Values: z.array(z.string().min(1).max(1024)).min(1).max(50).optional(),
});
export type ParameterStringFilter = z.infer<typeof parameterStringFilter>;

const nextToken = z.string().max(4096).optional();

export const getParametersByPathInput = z.object({
  Path: z.string({ message: 'Path is required' }).min(1).max(2048),
  Recursive: z.boolean().optional(),
  ParameterFilters: z.array(parameterStringFilter).max(50).optional(),
  WithDecryption: z.boolean().optional(),
  MaxResults: z.number().int().min(1, 'MaxResults is 1 to 10').max(10, 'MaxResults is 1 to 10').optional(),
  NextToken: nextToken,
});
export type GetParametersByPathInput = z.input<typeof getParametersByPathInput>;

export const describeParametersInput = z.object({
  Filters: z
    .array(z.object({ Key: z.enum(['Name', 'Type', 'KeyId'], { message: "Filters[].Key is 'Name', 'Type' or 'KeyId'" }), Values: z.array(z.string().min(1).max(1024)).min(1).max(50) }))
    .optional(),
  ParameterFilters: z.array(parameterStringFilter).max(50).optional(),
  MaxResults: z.number().int().min(1, 'MaxResults is 1 to 50').max(50, 'MaxResults is 1 to 50').optional(),
  NextToken: nextToken,
  Shared: z.boolean().optional(),
});
export type DescribeParametersInput = z.input<typeof describeParametersInput>;

export const getParameterHistoryInput = z.object({
  Name: nameSchema,
  WithDecryption: z.boolean().optional(),
  MaxResults: z.number().int().min(1, 'MaxResults is 1 to 50').max(50, 'MaxResults is 1 to 50').optional(),
  NextToken: nextToken,
});
export type GetParameterHistoryInput = z.input<typeof getParameterHistoryInput>;

export const deleteParameterInput = z.object({ Name: nameSchema });
export const deleteParametersInput = z.object({ Names: z.array(nameSchema).min(1, 'Names must name at least one parameter').max(10, 'Names takes at most 10 parameters') });

const labelsSchema = z.array(z.string().min(1).max(100, 'a label is at most 100 characters')).min(1, 'Labels must hold at least one label').max(10, 'Labels takes at most 10 labels');
export const labelParameterVersionInput = z.object({ Name: nameSchema, ParameterVersion: z.number().int().min(1).optional(), Labels: labelsSchema });
export const unlabelParameterVersionInput = z.object({ Name: nameSchema, ParameterVersion: z.number({ message: 'ParameterVersion is required' }).int().min(1), Labels: labelsSchema });
export type LabelParameterVersionInput = z.input<typeof labelParameterVersionInput>;
export type UnlabelParameterVersionInput = z.input<typeof unlabelParameterVersionInput>;
