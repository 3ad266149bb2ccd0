import { parameterNameProblem } from './name-rules';
import { EMPTY_POLICIES_DRAFT, draftOfPolicies, hasPolicies, policiesJson, policiesProblems, type PoliciesDraft } from './policies-draft';
import { patternMatch, patternProblem, stringListProblem, valueLimit, valueSizeProblem, type ParameterTier, type ParameterType, type TierChoice } from './value-rules';
import type { ParameterDetail, ParameterInput } from './queries';

export const DEFAULT_KEY_ID = 'alias/aws/ssm';

export interface TagRow {
  key: string;
  value: string;
}

/** Everything the create and edit forms hold, as typed. */
export interface ParameterFormState {
  name: string;
  description: string;
  tier: TierChoice;
  type: ParameterType;
  keyId: string;
  dataType: string;
  value: string;
  allowedPattern: string;
  policies: PoliciesDraft;
  tags: TagRow[];
}

export type FormField = 'name' | 'value' | 'allowedPattern' | 'policies' | 'tags';

export interface FormProblem {
  field: FormField;
  message: string;
}

export function newParameterState(path: string): ParameterFormState {
  return {
    name: path === '/' ? '' : `${path}/`,
    description: '',
    tier: 'Standard',
    type: 'String',
    keyId: DEFAULT_KEY_ID,
    dataType: 'text',
    value: '',
    allowedPattern: '',
    policies: EMPTY_POLICIES_DRAFT,
    tags: [],
  };
}

/** The edit form starts from the parameter as it is; a SecureString's value only if it was revealed. */
export function editParameterState(detail: ParameterDetail): ParameterFormState {
  const { parameter } = detail;
  return {
    name: parameter.Name,
    description: parameter.Description ?? '',
    tier: parameter.Tier,
    type: parameter.Type as ParameterType,
    keyId: parameter.KeyId ?? DEFAULT_KEY_ID,
    dataType: parameter.DataType,
    value: detail.value ?? '',
    allowedPattern: parameter.AllowedPattern ?? '',
    policies: draftOfPolicies(parameter.Policies),
    tags: [],
  };
}

/** Policies count only where the tier can hold them: Advanced, or Intelligent-Tiering (which then picks Advanced). */
export const policiesApply = (state: ParameterFormState) => state.tier !== 'Standard';

export function formValueLimit(state: ParameterFormState, currentTier?: ParameterTier) {
  return valueLimit(state.value, state.tier, policiesApply(state) && hasPolicies(state.policies), currentTier);
}

function tagProblems(tags: TagRow[]): string[] {
  const problems: string[] = [];
  const keys = tags.map((tag) => tag.key.trim());
  tags.forEach((tag, index) => {
    const key = keys[index]!;
    if (!key) problems.push(`Tag ${index + 1}: a tag needs a key.`);
    else if (key.length > 128) problems.push(`Tag ${key}: a key has at most 128 characters.`);
    if (tag.value.length > 256) problems.push(`Tag ${key || index + 1}: a value has at most 256 characters.`);
    if (key && keys.indexOf(key) !== index) problems.push(`Tag ${key}: the key is given twice.`);
  });
  return problems;
}

function valueProblems(state: ParameterFormState, currentTier?: ParameterTier): string[] {
  if (state.value === '') return ['Enter a value: a parameter cannot be empty.'];
  const problems = [valueSizeProblem(formValueLimit(state, currentTier))];
  if (state.type === 'StringList') problems.push(stringListProblem(state.value));
  if (patternMatch(state.allowedPattern, state.value)?.isMatch === false) {
    problems.push(`The value does not match the allowed pattern ${state.allowedPattern}.`);
  }
  return problems.filter((problem): problem is string => problem !== null);
}

/**
 * Everything the server would refuse that the browser can tell, field by field, in words. The
 * server checks again; this only saves a round trip and says it where the field is.
 */
export function formProblems(state: ParameterFormState, options: { isNew: boolean; arnPrefix: string; currentTier?: ParameterTier }): FormProblem[] {
  const problems: FormProblem[] = [];
  const add = (field: FormField, messages: (string | null)[]) => {
    for (const message of messages) if (message) problems.push({ field, message });
  };
  if (options.isNew) add('name', [parameterNameProblem(state.name, options.arnPrefix)]);
  add('value', valueProblems(state, options.currentTier));
  add('allowedPattern', [patternProblem(state.allowedPattern)]);
  if (policiesApply(state)) add('policies', policiesProblems(state.policies));
  if (options.isNew) add('tags', tagProblems(state.tags));
  return problems;
}

/**
 * The form as PutParameter's input. An edit sends description and pattern even when emptied (so
 * they clear) and always sends Policies on tiers that hold them ("[]" removes them).
 */
export function toParameterInput(state: ParameterFormState, isNew: boolean): ParameterInput {
  const keepEmpty = (text: string) => (isNew && text === '' ? undefined : text);
  return {
    Name: state.name.trim(),
    Value: state.value,
    Type: state.type,
    Description: keepEmpty(state.description),
    KeyId: state.type === 'SecureString' ? state.keyId : undefined,
    AllowedPattern: keepEmpty(state.allowedPattern),
    Tier: state.tier,
    Policies: policiesApply(state) && (hasPolicies(state.policies) || !isNew) ? policiesJson(state.policies) : undefined,
    // Data types other than text describe String values only (AMI ids); the other types are text.
    DataType: state.type === 'String' ? state.dataType : 'text',
    Tags: isNew && state.tags.length > 0 ? state.tags.map((tag) => ({ Key: tag.key.trim(), Value: tag.value })) : undefined,
  };
}
