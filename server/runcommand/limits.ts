import { validationError } from '@/server/errors';

/** MaxConcurrency / MaxErrors as AWS takes them: a number like 10, or a percentage like 10%. */
export const RATE_PATTERN = /^([0-9]{1,7}|([0-9]|[1-9][0-9]|100)%)$/;

/**
 * Turns "10" or "25%" into a number of nodes for a command with `targetCount` targets.
 * Percentages round up, so 10% of 6 nodes is 1 node; concurrency is always at least 1 while
 * errors may be 0 (stop at the first failure).
 */
export function resolveRate(member: 'MaxConcurrency' | 'MaxErrors', text: string, targetCount: number): number {
  if (!RATE_PATTERN.test(text)) throw validationError(`${member}: '${text}' is neither a number like 10 nor a percentage like 10%`);
  const minimum = member === 'MaxConcurrency' ? 1 : 0;
  if (!text.endsWith('%')) return Math.max(Number(text), minimum);
  const percent = Number(text.slice(0, -1));
  return Math.max(Math.ceil((targetCount * percent) / 100), minimum);
}
