import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { searchParameterNames } from '@/server/parameters/console';

const searchQuery = z.object({ q: z.string({ message: 'q (the text to find in names) is required' }).trim().min(1, 'q (the text to find in names) is required').max(1024) });

/** Names containing ?q=, for the hierarchy tree's search (the first 200). */
export const GET = withSession(async (req, caller) => searchParameterNames(caller, searchQuery.parse(Object.fromEntries(req.nextUrl.searchParams)).q));
