import { z } from 'zod';

// IAM's character set for user, group and policy names; it also keeps names safe inside ARNs.
const IAM_NAME = /^[\w+=,.@-]+$/;

export const iamName = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `the ${what} name is required`)
    .max(max, `the ${what} name may have at most ${max} characters`)
    .regex(IAM_NAME, `the ${what} name may contain letters, digits and + = , . @ _ - only`);

export const userNameSchema = iamName('user', 64);
export const groupNameSchema = iamName('group', 128);
export const policyNameSchema = iamName('policy', 128);
export const passwordSchema = z
  .string()
  .min(10, 'the password needs at least 10 characters')
  .max(256, 'the password may have at most 256 characters');
