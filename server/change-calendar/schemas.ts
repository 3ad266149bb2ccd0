import { z } from 'zod';
import { userDocumentNameSchema } from '@/server/documents/schemas';
import { CALENDAR_TYPES } from './ics';
import { REPEATS } from './edit';
import { isKnownTimeZone } from './time-zones';

// Control characters in a title would forge lines in the calendar (a newline starts a property).
const noControlCharacters = (text: string) => ![...text].some((char) => (char < ' ' && char !== '\n' && char !== '\t') || char === '\u007f');

const timeZoneSchema = z
  .string()
  .min(1, 'a time zone is required')
  .refine(isKnownTimeZone, { error: (issue) => `'${String(issue.input)}' is not an IANA time zone like Europe/Berlin (or UTC)` });

export const createCalendarInput = z.object({
  name: userDocumentNameSchema,
  calendarType: z.enum(CALENDAR_TYPES, { message: 'calendarType is DEFAULT_OPEN (events close it) or DEFAULT_CLOSED (events open it)' }),
  description: z.string().max(1024, 'a description has at most 1,024 characters').refine(noControlCharacters, 'a description may not contain control characters').optional(),
  timeZone: timeZoneSchema.optional(),
  tags: z.record(z.string().min(1).max(128), z.string().max(256)).optional(),
});
export type CreateCalendarInput = z.input<typeof createCalendarInput>;

export const updateCalendarInput = createCalendarInput.pick({ calendarType: true, description: true, timeZone: true }).partial();
export type UpdateCalendarInput = z.input<typeof updateCalendarInput>;

export const newEventInput = z.object({
  summary: z
    .string({ message: 'a title is required' })
    .trim()
    .min(1, 'a title is required')
    .max(256, 'a title has at most 256 characters')
    .refine((text) => noControlCharacters(text) && !text.includes('\n'), 'a title is one line, with no control characters'),
  description: z.string().max(2048, 'a description has at most 2,048 characters').refine(noControlCharacters, 'a description may not contain control characters').optional(),
  start: z.string({ message: 'a start is required' }).min(1, 'a start is required'),
  end: z.string({ message: 'an end is required' }).min(1, 'an end is required'),
  timeZone: timeZoneSchema.default('UTC'),
  isAllDay: z.boolean().default(false),
  repeat: z.enum(REPEATS, { message: `repeat is one of ${REPEATS.join(', ')}` }).default('none'),
  repeatUntil: z.string().optional(),
});
export type NewEventInput = z.input<typeof newEventInput>;

/** The month view asks for at most a little over a year of occurrences at once. */
export const MAX_WINDOW_DAYS = 400;

export const occurrenceWindowInput = z
  .object({ from: z.date(), to: z.date() })
  .refine(({ from, to }) => to.getTime() > from.getTime(), { message: 'to must be after from', path: ['to'] })
  .refine(({ from, to }) => to.getTime() - from.getTime() <= MAX_WINDOW_DAYS * 86_400_000, { message: `a window is at most ${MAX_WINDOW_DAYS} days`, path: ['to'] });

export const calendarNamesInput = z.array(z.string().min(1, 'a calendar name is empty')).min(1, 'name at least one calendar').max(50, 'at most 50 calendars at once');
