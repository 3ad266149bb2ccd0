import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { describeSchedule, isScheduleExpressionError, parseSchedule } from '@/server/schedules/expressions';

const query = z.object({
  expression: z.string().max(256, 'the expression has at most 256 characters').default(''),
  timezone: z.string().trim().max(64).optional().transform((value) => value || undefined),
  offset: z.coerce.number().optional(),
});

/** How many occurrences the schedule fields of the console show. */
const PREVIEW_COUNT = 5;

/**
 * The schedule fields' preview, as the user types: `{ description, next }` (ISO instants), or
 * `{ error }` in words when AWS would refuse the expression. A rate counts from now, as it would
 * for something saved now.
 */
export const GET = withSession(async (req) => {
  const { expression, timezone, offset } = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  try {
    const schedule = parseSchedule(expression, { timezone, scheduleOffsetDays: offset });
    const now = new Date();
    return { description: describeSchedule(schedule), next: schedule.nextOccurrences(now, PREVIEW_COUNT, now).map((date) => date.toISOString()) };
  } catch (error) {
    if (isScheduleExpressionError(error)) return { error: error.message };
    throw error;
  }
});
