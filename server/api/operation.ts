import type { z } from 'zod';
import type { Caller } from '@/server/identity/caller';

/** One SSM API operation: its AWS-shaped request schema and a thin adapter onto a service. */
export interface ApiOperation<Schema extends z.ZodType = z.ZodType> {
  name: string;
  input: Schema;
  run(input: z.output<Schema>, caller: Caller): Promise<unknown>;
}

export function defineOperation<Schema extends z.ZodType>(operation: ApiOperation<Schema>): ApiOperation<Schema> {
  return operation;
}
