import { withSession } from '@/server/http/route';
import { labelParameterVersion, unlabelParameterVersion } from '@/server/parameters/service';
import type { LabelParameterVersionInput, UnlabelParameterVersionInput } from '@/server/parameters/schemas';
import { readObject } from '../request';

/** {Name, ParameterVersion?, Labels}: attaches (or moves) labels; refused ones come back in InvalidLabels. */
export const POST = withSession(async (req, caller) => labelParameterVersion(caller, (await readObject(req)) as LabelParameterVersionInput));

/** {Name, ParameterVersion, Labels}: detaches labels from that version. */
export const DELETE = withSession(async (req, caller) => unlabelParameterVersion(caller, (await readObject(req)) as UnlabelParameterVersionInput));
