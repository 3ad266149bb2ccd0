import { and, asc, count, eq, gt, inArray, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { parameters, parameterVersions, type ParameterPolicyState } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { writeAndInvalidate } from '@/server/cache/invalidation';
import { OpsdeckError } from '@/server/errors';
import { userArn } from '@/server/identity/arn';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { decryptWithKey, encryptWithKey, resolveKeyForEncrypt } from '@/server/keys';
import { decodeNextToken, nextTokenAfter } from '@/server/api/pagination';
import { arnOfName, levelsOf, nameKeyOf, normalizePath, parentPathOf, parseReference, validateNewName, type ParsedReference } from './names';
import {
  MAX_LABELS_PER_VERSION,
  MAX_VERSIONS,
  TIER_LIMITS,
  checkAllowedPattern,
  checkDataType,
  checkStringList,
  checkTierChange,
  checkValueFitsTier,
  chooseTier,
  compileAllowedPattern,
  isValidLabel,
  parsePolicies,
  toPolicyStates,
  type ParameterTier,
} from './rules';
import {
  deleteParameterInput,
  deleteParametersInput,
  describeParametersInput,
  getParameterHistoryInput,
  getParameterInput,
  getParametersByPathInput,
  getParametersInput,
  labelParameterVersionInput,
  putParameterInput,
  unlabelParameterVersionInput,
  type DescribeParametersInput,
  type GetParameterHistoryInput,
  type GetParameterInput,
  type GetParametersByPathInput,
  type GetParametersInput,
  type LabelParameterVersionInput,
  type ParameterStringFilter,
  type PutParameterInput,
  type UnlabelParameterVersionInput,
} from './schemas';
import { PARAMETER_TOPIC, parameterNotFound, readHistory, readLatest, readSelected, versionNotFound, viewOfRow, type ParameterVersionView } from './store';

const DEFAULT_KEY_ALIAS = 'alias/aws/ssm';

/** Bound into every SecureString ciphertext: a value copied onto another parameter does not decrypt. */
export const encryptionContextOf = (nameKey: string) => `parameter:${nameKey}`;

function arnOf(name: string): string {
  const { region, accountId } = getServerContext();
  return arnOfName(region, accountId, name);
}

// ---------------------------------------------------------------------------------------------
// Responses, in AWS's shapes

async function valueFor(caller: Caller, view: ParameterVersionView, withDecryption: boolean | undefined): Promise<string> {
  if (view.type !== 'SecureString' || !withDecryption) return view.value;
  return decryptWithKey(caller, view.value, encryptionContextOf(view.nameKey));
}

async function toParameter(caller: Caller, view: ParameterVersionView, withDecryption: boolean | undefined, reference?: ParsedReference) {
  return {
    Name: view.name,
    Type: view.type,
    Value: await valueFor(caller, view, withDecryption),
    Version: view.version,
    Selector: reference?.selectorText,
    LastModifiedDate: view.lastModifiedAt,
    ARN: arnOf(view.name),
    DataType: view.dataType,
  };
}

function toMetadata(view: ParameterVersionView) {
  return {
    Name: view.name,
    ARN: arnOf(view.name),
    Type: view.type,
    KeyId: view.keyId ?? undefined,
    LastModifiedDate: view.lastModifiedAt,
    LastModifiedUser: view.lastModifiedUser,
    Description: view.description ?? undefined,
    AllowedPattern: view.allowedPattern ?? undefined,
    Version: view.version,
    Tier: view.tier,
    Policies: view.policies,
    DataType: view.dataType,
  };
}

// ---------------------------------------------------------------------------------------------
// PutParameter

type Transaction = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];
type CurrentRow = typeof parameters.$inferSelect;

function checkCreateOrUpdate(input: ReturnType<typeof putParameterInput.parse>, current: CurrentRow | undefined): void {
  if (current && !input.Overwrite) {
    throw new OpsdeckError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
  }
  if (!current && !input.Type) throw new OpsdeckError('ValidationException', 'A parameter type is required when you create a parameter.');
  if (current && input.Tags) {
    throw new OpsdeckError(
      'ValidationException',
      'Invalid request: tags and overwrite can\'t be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.',
    );
  }
}

async function checkParameterLimit(tx: Transaction, tier: ParameterTier): Promise<void> {
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(parameters).where(eq(parameters.tier, tier));
  if (total >= TIER_LIMITS[tier].maxParameters) {
    throw new OpsdeckError('ParameterLimitExceeded', `You have exceeded the number of ${tier} parameters for this account (${TIER_LIMITS[tier].maxParameters}). Delete one or more parameters and try again.`);
  }
}

/** Keeps the newest 100 versions: the oldest goes, unless a label holds it. */
async function makeRoomForVersion(tx: Transaction, current: CurrentRow): Promise<void> {
  const [{ kept } = { kept: 0 }] = await tx.select({ kept: count() }).from(parameterVersions).where(eq(parameterVersions.nameKey, current.nameKey));
  if (kept < MAX_VERSIONS) return;
  const [oldest] = await tx.select().from(parameterVersions).where(eq(parameterVersions.nameKey, current.nameKey)).orderBy(asc(parameterVersions.version)).limit(1);
  if (!oldest) return;
  if (oldest.labels.length > 0) {
    throw new OpsdeckError(
      'ParameterMaxVersionLimitExceeded',
      `You attempted to create a new version of ${current.name} by calling the PutParameter API with the overwrite flag. Version ${oldest.version}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
    );
  }
  await tx.delete(parameterVersions).where(and(eq(parameterVersions.nameKey, current.nameKey), eq(parameterVersions.version, oldest.version)));
}

async function storedValue(caller: Caller, type: string, value: string, nameKey: string, keyIdInput: string | undefined, current: CurrentRow | undefined) {
  if (type !== 'SecureString') {
    if (keyIdInput) throw new OpsdeckError('ValidationException', `KeyId is only used with the SecureString type, not ${type}.`);
    return { value, keyId: null };
  }
  // An overwrite without KeyId keeps the key the parameter already uses.
  const keyRef = keyIdInput ?? (current?.type === 'SecureString' && current.keyId !== DEFAULT_KEY_ALIAS ? (current.keyId ?? undefined) : undefined);
  const key = await resolveKeyForEncrypt(keyRef);
  const ciphertext = await encryptWithKey(caller, key, value, encryptionContextOf(nameKey));
  return { value: ciphertext, keyId: key.isDefault ? DEFAULT_KEY_ALIAS : key.keyArn };
}

export async function putParameter(caller: Caller, rawInput: PutParameterInput): Promise<{ Version: number; Tier: ParameterTier }> {
  const input = putParameterInput.parse(rawInput);
  const name = input.Name;
  const { region, accountId } = getServerContext();
  return perform(caller, { name: 'PutParameter', iamAction: 'ssm:PutParameter', resources: [arnOf(name)], parameters: input }, async () => {
    validateNewName(name, region, accountId);
    if (input.AllowedPattern) compileAllowedPattern(input.AllowedPattern);
    const policies = input.Policies === undefined ? undefined : parsePolicies(input.Policies);
    const nameKey = nameKeyOf(name);
    return writeAndInvalidate(getDb(), PARAMETER_TOPIC, [nameKey], async (tx) => {
      // Serialises writers of one name, including two racing creations.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'parameter:' + nameKey}))`);
      const [current] = await tx.select().from(parameters).where(eq(parameters.nameKey, nameKey));
      checkCreateOrUpdate(input, current);
      const type = input.Type ?? current!.type;
      const policyStates: ParameterPolicyState[] = policies ? toPolicyStates(policies) : (current?.policies.map((policy) => ({ ...policy, PolicyStatus: 'Pending' as const })) ?? []);
      const tier = chooseTier(input.Tier ?? current?.tier ?? 'Standard', input.Value, policyStates.length > 0, current?.tier);
      if (current) checkTierChange(current.tier, tier);
      if (policyStates.length > 0 && tier !== 'Advanced') {
        throw new OpsdeckError('ValidationException', 'Parameter policies are supported only on Advanced tier parameters. Use Tier Advanced (or Intelligent-Tiering).');
      }
      checkValueFitsTier(input.Value, tier);
      const allowedPattern = input.AllowedPattern ?? current?.allowedPattern ?? null;
      checkAllowedPattern(allowedPattern, input.Value);
      if (type === 'StringList') checkStringList(input.Value);
      const dataType = input.DataType ?? current?.dataType ?? 'text';
      checkDataType(dataType, type);
      if (!current || current.tier !== tier) await checkParameterLimit(tx, tier);
      if (current) await makeRoomForVersion(tx, current);
      const stored = await storedValue(caller, type, input.Value, nameKey, input.KeyId, current);
      const version = (current?.version ?? 0) + 1;
      const modified = {
        type,
        value: stored.value,
        keyId: stored.keyId,
        description: input.Description ?? current?.description ?? null,
        allowedPattern,
        tier,
        dataType,
        policies: policyStates,
      };
      const modifiedAt = new Date();
      const modifiedUser = userArn(accountId, caller.username);
      if (current) {
        await tx.update(parameters).set({ ...modified, version, lastModifiedAt: modifiedAt, lastModifiedUser: modifiedUser }).where(eq(parameters.nameKey, nameKey));
      } else {
        await tx.insert(parameters).values({ nameKey, name, parentPath: parentPathOf(nameKey), ...modified, version, tags: Object.fromEntries((input.Tags ?? []).map((tag) => [tag.Key, tag.Value])), lastModifiedAt: modifiedAt, lastModifiedUser: modifiedUser });
      }
      await tx.insert(parameterVersions).values({ nameKey, version, ...modified, modifiedAt, modifiedUser });
      return { Version: version, Tier: tier };
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Reads

export async function getParameter(caller: Caller, rawInput: GetParameterInput) {
  const input = getParameterInput.parse(rawInput);
  const reference = parseReference(input.Name);
  return perform(
    caller,
    // Console reads are audited when they reveal a secret; API reads always are.
    { name: 'GetParameter', iamAction: 'ssm:GetParameter', resources: [arnOf(reference.name)], parameters: input, isAudited: input.WithDecryption === true },
    async () => {
      const view = await readSelected(reference);
      return { Parameter: await toParameter(caller, view, input.WithDecryption, reference) };
    },
  );
}

export async function getParameters(caller: Caller, rawInput: GetParametersInput) {
  const input = getParametersInput.parse(rawInput);
  const names = [...new Set(input.Names)];
  const references = names.map(parseReference);
  return perform(
    caller,
    { name: 'GetParameters', iamAction: 'ssm:GetParameters', resources: references.map((reference) => arnOf(reference.name)), parameters: input, isAudited: input.WithDecryption === true },
    async () => {
      const found: Awaited<ReturnType<typeof toParameter>>[] = [];
      const invalid: string[] = [];
      for (const [index, reference] of references.entries()) {
        const view = await readSelected(reference).catch((error: unknown) => {
          if (error instanceof OpsdeckError && (error.code === 'ParameterNotFound' || error.code === 'ParameterVersionNotFound')) return null;
          throw error;
        });
        if (view) found.push(await toParameter(caller, view, input.WithDecryption, reference));
        else invalid.push(names[index]!);
      }
      return { Parameters: found, InvalidParameters: invalid };
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Filters shared by GetParametersByPath and DescribeParameters

function invalidFilterKey(key: string, allowed: string[]): OpsdeckError {
  return new OpsdeckError('InvalidFilterKey', `The following filter key is not valid: ${key}. Valid filter keys include: [${allowed.join(', ')}].`);
}

function invalidFilterOption(key: string, option: string, allowed: string[]): OpsdeckError {
  return new OpsdeckError('InvalidFilterOption', `The filter option ${option} is not valid for key ${key}. Valid options include: [${allowed.join(', ')}].`);
}

function requireValues(filter: ParameterStringFilter): string[] {
  if (!filter.Values?.length) throw new OpsdeckError('InvalidFilterValue', `The filter ${filter.Key} needs at least one value.`);
  return filter.Values;
}

function equalsOnly(filter: ParameterStringFilter): void {
  const option = filter.Option ?? 'Equals';
  if (option !== 'Equals') throw invalidFilterOption(filter.Key, option, ['Equals']);
}

/** A text[] literal of bound values (drizzle spreads a bare JS array into a parameter list). */
function textArray(values: string[]): SQL {
  return sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function nameCondition(filter: ParameterStringFilter): SQL {
  const option = filter.Option ?? 'Equals';
  const values = requireValues(filter);
  const conditions = values.map((value) => {
    switch (option) {
      case 'Equals':
        return eq(parameters.nameKey, nameKeyOf(value));
      case 'BeginsWith':
        return or(like(parameters.name, `${escapeLike(value)}%`), like(parameters.nameKey, `${escapeLike(value)}%`))!;
      case 'Contains':
        return sql`strpos(${parameters.name}, ${value}) > 0`;
      default:
        throw invalidFilterOption('Name', option, ['Equals', 'BeginsWith', 'Contains']);
    }
  });
  return or(...conditions)!;
}

function pathCondition(path: string, recursive: boolean): SQL {
  if (recursive) return path === '/' ? sql`true` : like(parameters.nameKey, `${escapeLike(path)}/%`);
  return eq(parameters.parentPath, path);
}

function labelCondition(labels: string[]): SQL {
  return sql`exists (select 1 from ${parameterVersions} where ${parameterVersions.nameKey} = ${parameters.nameKey} and ${parameterVersions.labels} && ${textArray(labels)})`;
}

function tagCondition(filter: ParameterStringFilter): SQL {
  const key = filter.Key.slice('tag:'.length);
  if (!key) throw new OpsdeckError('InvalidFilterKey', 'A tag filter names its tag key: tag:<key>.');
  equalsOnly(filter);
  if (!filter.Values?.length) return sql`${parameters.tags} ? ${key}`;
  return or(...filter.Values.map((value) => sql`${parameters.tags} ->> ${key} = ${value}`))!;
}

/** One ParameterFilters entry as SQL; `allowed` is the set of keys the calling operation accepts. */
function parameterFilterCondition(filter: ParameterStringFilter, allowed: string[]): SQL {
  const key = filter.Key.startsWith('tag:') ? 'tag' : filter.Key;
  if (!allowed.includes(key)) throw invalidFilterKey(filter.Key, allowed);
  switch (key) {
    case 'Name':
      return nameCondition(filter);
    case 'Path': {
      const option = filter.Option ?? 'OneLevel';
      if (option !== 'OneLevel' && option !== 'Recursive') throw invalidFilterOption('Path', option, ['OneLevel', 'Recursive']);
      return or(...requireValues(filter).map((value) => pathCondition(normalizePath(value), option === 'Recursive')))!;
    }
    case 'Type':
      equalsOnly(filter);
      return inArray(parameters.type, requireValues(filter) as ('String' | 'StringList' | 'SecureString')[]);
    case 'KeyId':
      equalsOnly(filter);
      return inArray(parameters.keyId, requireValues(filter));
    case 'Tier':
      equalsOnly(filter);
      return inArray(parameters.tier, requireValues(filter) as ParameterTier[]);
    case 'DataType':
      equalsOnly(filter);
      return inArray(parameters.dataType, requireValues(filter));
    case 'Label':
      equalsOnly(filter);
      return labelCondition(requireValues(filter));
    case 'tag':
      return tagCondition(filter);
    default:
      throw invalidFilterKey(filter.Key, allowed);
  }
}

type ParameterRow = typeof parameters.$inferSelect;

async function pageOfParameters(where: SQL | undefined, offset: number, limit: number): Promise<{ rows: ParameterRow[]; hasMore: boolean }> {
  const rows = await getDb()
    .select()
    .from(parameters)
    .where(and(where, sql`not (${parameters.policies} @> '[{"PolicyType":"Expiration"}]' and exists (select 1 from jsonb_array_elements(${parameters.policies}) p where p->>'PolicyType' = 'Expiration' and ((p->>'PolicyText')::jsonb->'Attributes'->>'Timestamp')::timestamptz <= now()))`))
    .orderBy(asc(parameters.nameKey))
    .offset(offset)
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}

// ---------------------------------------------------------------------------------------------
// GetParametersByPath, DescribeParameters

const BY_PATH_FILTER_KEYS = ['Type', 'KeyId', 'Label', 'tag', 'DataType'];
const DESCRIBE_FILTER_KEYS = ['Name', 'Path', 'Type', 'KeyId', 'Tier', 'Label', 'DataType', 'tag'];

export async function getParametersByPath(caller: Caller, rawInput: GetParametersByPathInput) {
  const input = getParametersByPathInput.parse(rawInput);
  const path = normalizePath(input.Path);
  return perform(
    caller,
    { name: 'GetParametersByPath', iamAction: 'ssm:GetParametersByPath', resources: [arnOf(path === '/' ? '/' : path)], parameters: input, isAudited: input.WithDecryption === true },
    async () => {
      const filters = (input.ParameterFilters ?? []).map((filter) => parameterFilterCondition(filter, BY_PATH_FILTER_KEYS));
      const offset = decodeNextToken('GetParametersByPath', input.NextToken);
      const limit = input.MaxResults ?? 10;
      const { rows, hasMore } = await pageOfParameters(and(pathCondition(path, input.Recursive ?? false), ...filters), offset, limit);
      const result = [];
      for (const row of rows) {
        const view = await readLatest(row.nameKey);
        if (view) result.push(await toParameter(caller, view, input.WithDecryption));
      }
      return { Parameters: result, NextToken: nextTokenAfter('GetParametersByPath', offset, rows.length, hasMore) };
    },
  );
}

export async function describeParameters(caller: Caller, rawInput: DescribeParametersInput) {
  const input = describeParametersInput.parse(rawInput);
  return perform(caller, { name: 'DescribeParameters', iamAction: 'ssm:DescribeParameters', parameters: input, isAudited: false }, async () => {
    if (input.Filters?.length && input.ParameterFilters?.length) {
      throw new OpsdeckError('ValidationException', 'You can use either Filters or ParameterFilters in a single request, not both.');
    }
    const legacy = (input.Filters ?? []).map((filter) =>
      filter.Key === 'Name' ? nameCondition({ Key: 'Name', Option: 'BeginsWith', Values: filter.Values }) : parameterFilterCondition({ Key: filter.Key, Values: filter.Values }, DESCRIBE_FILTER_KEYS),
    );
    const modern = (input.ParameterFilters ?? []).map((filter) => parameterFilterCondition(filter, DESCRIBE_FILTER_KEYS));
    const offset = decodeNextToken('DescribeParameters', input.NextToken);
    const { rows, hasMore } = await pageOfParameters(and(...legacy, ...modern), offset, input.MaxResults ?? 50);
    return {
      Parameters: rows.map((row) => toMetadata(viewOfRow(row))),
      NextToken: nextTokenAfter('DescribeParameters', offset, rows.length, hasMore),
    };
  });
}

export async function getParameterHistory(caller: Caller, rawInput: GetParameterHistoryInput) {
  const input = getParameterHistoryInput.parse(rawInput);
  const reference = parseReference(input.Name);
  return perform(
    caller,
    { name: 'GetParameterHistory', iamAction: 'ssm:GetParameterHistory', resources: [arnOf(reference.name)], parameters: input, isAudited: input.WithDecryption === true },
    async () => {
      const latest = await readLatest(reference.nameKey);
      if (!latest) throw parameterNotFound(reference.name);
      const offset = decodeNextToken('GetParameterHistory', input.NextToken);
      const limit = input.MaxResults ?? 50;
      const versions = await readHistory(reference.nameKey, latest.name, offset, limit + 1);
      const page = versions.slice(0, limit);
      const history = [];
      for (const view of page) {
        history.push({ ...toMetadata(view), ARN: undefined, Value: await valueFor(caller, view, input.WithDecryption), Labels: view.labels ?? [] });
      }
      return { Parameters: history, NextToken: nextTokenAfter('GetParameterHistory', offset, page.length, versions.length > limit) };
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Deletes

async function deleteByKeys(nameKeys: string[]): Promise<string[]> {
  if (nameKeys.length === 0) return [];
  return writeAndInvalidate(getDb(), PARAMETER_TOPIC, nameKeys, async (tx) => {
    const deleted = await tx.delete(parameters).where(inArray(parameters.nameKey, nameKeys)).returning({ nameKey: parameters.nameKey });
    return deleted.map((row) => row.nameKey);
  });
}

export async function deleteParameter(caller: Caller, rawInput: { Name: string }): Promise<Record<string, never>> {
  const input = deleteParameterInput.parse(rawInput);
  const reference = parseReference(input.Name);
  return perform(caller, { name: 'DeleteParameter', iamAction: 'ssm:DeleteParameter', resources: [arnOf(reference.name)], parameters: input }, async () => {
    const [deleted] = await deleteByKeys([reference.nameKey]);
    if (!deleted) throw parameterNotFound(reference.name);
    return {};
  });
}

export async function deleteParameters(caller: Caller, rawInput: { Names: string[] }) {
  const input = deleteParametersInput.parse(rawInput);
  const names = [...new Set(input.Names)];
  return perform(caller, { name: 'DeleteParameters', iamAction: 'ssm:DeleteParameters', resources: names.map(arnOf), parameters: input }, async () => {
    const deleted = new Set(await deleteByKeys(names.map(nameKeyOf)));
    return { DeletedParameters: names.filter((name) => deleted.has(nameKeyOf(name))), InvalidParameters: names.filter((name) => !deleted.has(nameKeyOf(name))) };
  });
}

/** Deletes what an Expiration policy says is due (the scheduler's sweep). */
export async function deleteExpiredParameters(nameKeys: string[]): Promise<string[]> {
  return deleteByKeys(nameKeys);
}

// ---------------------------------------------------------------------------------------------
// Labels

async function lockedCurrent(tx: Transaction, reference: ParsedReference): Promise<CurrentRow> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'parameter:' + reference.nameKey}))`);
  const [current] = await tx.select().from(parameters).where(eq(parameters.nameKey, reference.nameKey));
  if (!current) throw parameterNotFound(reference.name);
  return current;
}

export async function labelParameterVersion(caller: Caller, rawInput: LabelParameterVersionInput) {
  const input = labelParameterVersionInput.parse(rawInput);
  const reference = parseReference(input.Name);
  return perform(caller, { name: 'LabelParameterVersion', iamAction: 'ssm:LabelParameterVersion', resources: [arnOf(reference.name)], parameters: input }, async () => {
    const labels = [...new Set(input.Labels)];
    const valid = labels.filter(isValidLabel);
    const invalid = labels.filter((label) => !isValidLabel(label));
    return writeAndInvalidate(getDb(), PARAMETER_TOPIC, [reference.nameKey], async (tx) => {
      const current = await lockedCurrent(tx, reference);
      const version = input.ParameterVersion ?? current.version;
      const [target] = await tx.select().from(parameterVersions).where(and(eq(parameterVersions.nameKey, reference.nameKey), eq(parameterVersions.version, version)));
      if (!target) throw versionNotFound(reference.name, version);
      const next = [...new Set([...target.labels, ...valid])];
      if (next.length > MAX_LABELS_PER_VERSION) {
        throw new OpsdeckError('ParameterVersionLabelLimitExceeded', `A parameter version can have maximum ${MAX_LABELS_PER_VERSION} labels. Move one or more labels to another version and try again.`);
      }
      if (valid.length > 0) {
        // A label lives on one version: attaching it here moves it from wherever it was.
        await tx
          .update(parameterVersions)
          .set({ labels: sql`array(select unnest(${parameterVersions.labels}) except select unnest(${textArray(valid)}))` })
          .where(and(eq(parameterVersions.nameKey, reference.nameKey), ne(parameterVersions.version, version), sql`${parameterVersions.labels} && ${textArray(valid)}`));
        await tx.update(parameterVersions).set({ labels: next }).where(and(eq(parameterVersions.nameKey, reference.nameKey), eq(parameterVersions.version, version)));
      }
      return { InvalidLabels: invalid, ParameterVersion: version };
    });
  });
}

export async function unlabelParameterVersion(caller: Caller, rawInput: UnlabelParameterVersionInput) {
  const input = unlabelParameterVersionInput.parse(rawInput);
  const reference = parseReference(input.Name);
  return perform(caller, { name: 'UnlabelParameterVersion', iamAction: 'ssm:UnlabelParameterVersion', resources: [arnOf(reference.name)], parameters: input }, async () =>
    writeAndInvalidate(getDb(), PARAMETER_TOPIC, [reference.nameKey], async (tx) => {
      await lockedCurrent(tx, reference);
      const [target] = await tx.select().from(parameterVersions).where(and(eq(parameterVersions.nameKey, reference.nameKey), eq(parameterVersions.version, input.ParameterVersion)));
      if (!target) throw versionNotFound(reference.name, input.ParameterVersion);
      const labels = [...new Set(input.Labels)];
      const removed = labels.filter((label) => target.labels.includes(label));
      await tx
        .update(parameterVersions)
        .set({ labels: target.labels.filter((label) => !removed.includes(label)) })
        .where(and(eq(parameterVersions.nameKey, reference.nameKey), eq(parameterVersions.version, input.ParameterVersion)));
      return { RemovedLabels: removed, InvalidLabels: labels.filter((label) => !removed.includes(label)) };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Tags

const MAX_TAGS = 50;

export async function listParameterTags(caller: Caller, name: string): Promise<Record<string, string>> {
  const reference = parseReference(name);
  return perform(caller, { name: 'ListTagsForResource', iamAction: 'ssm:ListTagsForResource', resources: [arnOf(reference.name)], parameters: { name }, isAudited: false }, async () => {
    const [row] = await getDb().select({ tags: parameters.tags }).from(parameters).where(eq(parameters.nameKey, reference.nameKey));
    if (!row) throw new OpsdeckError('InvalidResourceId', `The parameter ${name} does not exist.`);
    return row.tags;
  });
}

async function changeTags(caller: Caller, action: 'AddTagsToResource' | 'RemoveTagsFromResource', name: string, change: (tags: Record<string, string>) => Record<string, string>, parameters_: unknown): Promise<void> {
  const reference = parseReference(name);
  await perform(caller, { name: action, iamAction: `ssm:${action}`, resources: [arnOf(reference.name)], parameters: parameters_ }, async () =>
    writeAndInvalidate(getDb(), PARAMETER_TOPIC, [reference.nameKey], async (tx) => {
      const [row] = await tx.select({ tags: parameters.tags }).from(parameters).where(eq(parameters.nameKey, reference.nameKey)).for('update');
      if (!row) throw new OpsdeckError('InvalidResourceId', `The parameter ${name} does not exist.`);
      const tags = change(row.tags);
      if (Object.keys(tags).length > MAX_TAGS) throw new OpsdeckError('TooManyTagsError', `A parameter can have at most ${MAX_TAGS} tags.`);
      await tx.update(parameters).set({ tags }).where(eq(parameters.nameKey, reference.nameKey));
    }),
  );
}

export async function addParameterTags(caller: Caller, name: string, tags: Record<string, string>): Promise<void> {
  await changeTags(caller, 'AddTagsToResource', name, (current) => ({ ...current, ...tags }), { name, tags });
}

export async function removeParameterTags(caller: Caller, name: string, keys: string[]): Promise<void> {
  await changeTags(caller, 'RemoveTagsFromResource', name, (current) => Object.fromEntries(Object.entries(current).filter(([key]) => !keys.includes(key))), { name, keys });
}

// ---------------------------------------------------------------------------------------------
// The console's hierarchy tree

/** The sub-paths directly under `path`, each with how many parameters sit anywhere below it. */
export async function listPathChildren(caller: Caller, rawPath: string): Promise<{ path: string; parameterCount: number }[]> {
  const path = normalizePath(rawPath);
  return perform(caller, { name: 'DescribeParameters', iamAction: 'ssm:DescribeParameters', isAudited: false }, async () => {
    const depth = path === '/' ? 1 : levelsOf(path) + 1;
    const child = sql<string>`array_to_string((string_to_array(${parameters.nameKey}, '/'))[1:${depth + 1}], '/')`;
    const rows = await getDb()
      .select({ path: child, parameterCount: count() })
      .from(parameters)
      .where(and(path === '/' ? like(parameters.nameKey, '/%') : like(parameters.nameKey, `${escapeLike(path)}/%`), gt(sql`array_length(string_to_array(${parameters.nameKey}, '/'), 1)`, depth + 1)))
      // By position: drizzle binds the depth afresh in each clause, and PostgreSQL would not see one expression.
      .groupBy(sql`1`)
      .orderBy(sql`1`);
    return rows.map((row) => ({ path: row.path, parameterCount: Number(row.parameterCount) }));
  });
}
