import { createHash } from 'node:crypto';
import { and, asc, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { diffLines } from 'diff';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { documents, documentVersions, type DocumentRow, type DocumentVersionRow } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { OpsdeckError } from '@/server/errors';
import { documentArn } from '@/server/identity/arn';
import { authorize } from '@/server/identity/authorize';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { BUILTIN_DOCUMENTS } from './builtin';
import { formatIssue, type DocumentIssue } from './content';
import {
  createDocumentInput,
  documentNameSchema,
  documentSelectorInput,
  listDocumentsInput,
  updateDocumentInput,
  type CreateDocumentInput,
  type DocumentSelector,
  type ListDocumentsInput,
  type UpdateDocumentInput,
} from './schemas';
import { validateDocument, type ParsedDocument } from './validate';

export type { CreateDocumentInput, DocumentSelector, ListDocumentsInput, UpdateDocumentInput } from './schemas';

/** AWS keeps at most 1,000 versions of a document. */
export const MAX_DOCUMENT_VERSIONS = 1000;
const BUILTIN_OWNER = 'Amazon';

export interface DocumentDescription {
  Name: string;
  DisplayName?: string;
  DocumentVersion: string;
  VersionName?: string;
  Owner: string;
  Status: 'Active';
  CreatedDate: Date;
  DocumentType: string;
  DocumentFormat: string;
  SchemaVersion?: string;
  Description?: string;
  Hash: string;
  HashType: 'Sha256';
  Parameters: DocumentVersionRow['parameters'];
  PlatformTypes: string[];
  LatestVersion: string;
  DefaultVersion: string;
  TargetType?: string;
  Tags: { Key: string; Value: string }[];
}

export interface DocumentVersionView {
  name: string;
  version: number;
  versionName: string | null;
  content: string;
  documentFormat: string;
  documentType: string;
  hash: string;
  createdAt: Date;
  createdBy: string | null;
  isDefault: boolean;
  document: DocumentRow;
  row: DocumentVersionRow;
}

/** A document's ARN: built-ins belong to no account, as AWS's own documents do. */
export function documentResourceArn(name: string, isBuiltin = /^(AWS|Amazon|Opsdeck-)/.test(name)): string {
  const { region, accountId } = getServerContext();
  return documentArn(region, isBuiltin ? '' : accountId, name);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function invalidContent(issues: DocumentIssue[]): OpsdeckError {
  const error = new OpsdeckError('InvalidDocumentContent', issues.map(formatIssue).join('\n'));
  // The editor shows each issue at its line; the API client reads the message.
  return Object.assign(error, { issues });
}

/** Validates content for its type and format, or throws InvalidDocumentContent listing every issue. */
export function checkContent(documentType: string, documentFormat: string, content: string): ParsedDocument {
  const checked = validateDocument(documentType as never, documentFormat as never, content);
  if (!checked.ok) throw invalidContent(checked.issues);
  return checked.document;
}

function versionValues(name: string, version: number, parsed: ParsedDocument, input: { content: string; documentFormat: string; versionName?: string }, createdBy: string) {
  return {
    name,
    version,
    versionName: input.versionName ?? null,
    content: input.content,
    documentFormat: input.documentFormat,
    schemaVersion: parsed.schemaVersion ?? null,
    description: parsed.description ?? null,
    hash: sha256(input.content),
    parameters: parsed.parameters.map((parameter) => ({
      Name: parameter.name,
      Type: parameter.type,
      Description: parameter.description,
      DefaultValue: parameter.defaultValue,
    })),
    platformTypes: parsed.platformTypes,
    createdBy,
  };
}

/**
 * Seeds the built-in documents at start. A built-in whose content changed in a newer Opsdeck gets
 * a new version that becomes the default, so commands already sent keep their recorded version.
 */
export async function ensureBuiltinDocuments(): Promise<void> {
  const db = getDb();
  for (const builtin of BUILTIN_DOCUMENTS) {
    const parsed = checkContent(builtin.documentType, builtin.documentFormat, builtin.content);
    const hash = sha256(builtin.content);
    await db.transaction(async (tx) => {
      const [existing] = await tx.select().from(documents).where(eq(documents.name, builtin.name)).for('update');
      if (!existing) {
        await tx.insert(documents).values({ name: builtin.name, documentType: builtin.documentType, owner: BUILTIN_OWNER, isBuiltin: true, targetType: builtin.targetType ?? null });
        await tx.insert(documentVersions).values(versionValues(builtin.name, 1, parsed, builtin, 'opsdeck'));
        return;
      }
      // A user's document of that name (made before the name was reserved) stays theirs.
      if (!existing.isBuiltin) {
        console.error(`[documents] built-in ${builtin.name} not installed: a user document already has that name`);
        return;
      }
      const [latest] = await tx.select({ hash: documentVersions.hash }).from(documentVersions).where(and(eq(documentVersions.name, builtin.name), eq(documentVersions.version, existing.latestVersion)));
      if (latest?.hash === hash) return;
      const version = existing.latestVersion + 1;
      await tx.insert(documentVersions).values(versionValues(builtin.name, version, parsed, builtin, 'opsdeck'));
      await tx.update(documents).set({ latestVersion: version, defaultVersion: version }).where(eq(documents.name, builtin.name));
    });
  }
}

async function findDocument(name: string): Promise<DocumentRow> {
  const [row] = await getDb().select().from(documents).where(eq(documents.name, name));
  if (!row) throw new OpsdeckError('InvalidDocument', `Document with name ${name} does not exist.`);
  return row;
}

/** Resolves $LATEST / $DEFAULT / a number / a version name to one stored version. */
async function findVersion(document: DocumentRow, selector: { documentVersion?: string; versionName?: string }): Promise<DocumentVersionRow> {
  const db = getDb();
  let condition: SQL;
  if (selector.versionName && !selector.documentVersion) {
    condition = eq(documentVersions.versionName, selector.versionName);
  } else {
    const text = selector.documentVersion ?? '$DEFAULT';
    const version = text === '$LATEST' ? document.latestVersion : text === '$DEFAULT' ? document.defaultVersion : Number(text);
    condition = eq(documentVersions.version, version);
    if (selector.versionName) condition = and(condition, eq(documentVersions.versionName, selector.versionName))!;
  }
  const [row] = await db.select().from(documentVersions).where(and(eq(documentVersions.name, document.name), condition));
  if (!row) {
    const what = selector.versionName ? `version name ${selector.versionName}` : `version ${selector.documentVersion}`;
    throw new OpsdeckError('InvalidDocumentVersion', `The document ${document.name} has no ${what}.`);
  }
  return row;
}

/** For Run Command and later capabilities: a version with no authorisation (the caller checked). */
export async function loadDocumentVersion(name: string, selector: { documentVersion?: string; versionName?: string } = {}): Promise<DocumentVersionView> {
  const document = await findDocument(name);
  const row = await findVersion(document, selector);
  return toVersionView(document, row);
}

function toVersionView(document: DocumentRow, row: DocumentVersionRow): DocumentVersionView {
  return {
    name: document.name,
    version: row.version,
    versionName: row.versionName,
    content: row.content,
    documentFormat: row.documentFormat,
    documentType: document.documentType,
    hash: row.hash,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    isDefault: row.version === document.defaultVersion,
    document,
    row,
  };
}

export function describe(document: DocumentRow, row: DocumentVersionRow): DocumentDescription {
  return {
    Name: document.name,
    DisplayName: document.displayName ?? undefined,
    DocumentVersion: String(row.version),
    VersionName: row.versionName ?? undefined,
    Owner: document.owner,
    Status: 'Active',
    CreatedDate: row.createdAt,
    DocumentType: document.documentType,
    DocumentFormat: row.documentFormat,
    SchemaVersion: row.schemaVersion ?? undefined,
    Description: row.description ?? undefined,
    Hash: row.hash,
    HashType: 'Sha256',
    Parameters: row.parameters,
    PlatformTypes: row.platformTypes,
    LatestVersion: String(document.latestVersion),
    DefaultVersion: String(document.defaultVersion),
    TargetType: document.targetType ?? undefined,
    Tags: Object.entries(document.tags).map(([Key, Value]) => ({ Key, Value })),
  };
}

export async function createDocument(caller: Caller, rawInput: CreateDocumentInput): Promise<DocumentDescription> {
  const input = createDocumentInput.parse(rawInput);
  return perform(caller, { name: 'CreateDocument', iamAction: 'ssm:CreateDocument', resources: [documentResourceArn(input.name, false)], parameters: { ...input, content: `${input.content.length} characters` } }, async () => {
    const parsed = checkContent(input.documentType, input.documentFormat, input.content);
    const db = getDb();
    return db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(documents)
        .values({
          name: input.name,
          documentType: input.documentType,
          owner: getServerContext().accountId,
          displayName: input.displayName ?? null,
          targetType: input.targetType ?? null,
          tags: input.tags,
          createdBy: caller.username,
        })
        .onConflictDoNothing()
        .returning();
      if (!inserted) throw new OpsdeckError('DocumentAlreadyExists', `A document with the name ${input.name} already exists.`);
      const [version] = await tx.insert(documentVersions).values(versionValues(input.name, 1, parsed, input, caller.username)).returning();
      return describe(inserted, version!);
    });
  });
}

function assertEditable(document: DocumentRow): void {
  if (document.isBuiltin) {
    throw new OpsdeckError('InvalidDocumentOperation', `${document.name} is a built-in document and cannot be changed; create your own document from its content instead.`);
  }
}

export async function updateDocument(caller: Caller, rawInput: UpdateDocumentInput): Promise<DocumentDescription> {
  const input = updateDocumentInput.parse(rawInput);
  return perform(caller, { name: 'UpdateDocument', iamAction: 'ssm:UpdateDocument', resources: [documentResourceArn(input.name)], parameters: { ...input, content: `${input.content.length} characters` } }, async () => {
    const db = getDb();
    return db.transaction(async (tx) => {
      const [document] = await tx.select().from(documents).where(eq(documents.name, input.name)).for('update');
      if (!document) throw new OpsdeckError('InvalidDocument', `Document with name ${input.name} does not exist.`);
      assertEditable(document);
      if (input.documentVersion && input.documentVersion !== '$LATEST' && Number(input.documentVersion) !== document.latestVersion) {
        throw new OpsdeckError('InvalidDocumentVersion', `Only the latest version (${document.latestVersion}) can be updated; version ${input.documentVersion} is not the latest.`);
      }
      const [latest] = await tx.select().from(documentVersions).where(and(eq(documentVersions.name, document.name), eq(documentVersions.version, document.latestVersion)));
      const documentFormat = input.documentFormat ?? latest!.documentFormat;
      const parsed = checkContent(document.documentType, documentFormat, input.content);
      if (latest!.hash === sha256(input.content)) throw new OpsdeckError('DuplicateDocumentContent', 'The content of the association document matches another document. Change the content of the document and try again.');
      if (document.latestVersion >= MAX_DOCUMENT_VERSIONS) {
        throw new OpsdeckError('DocumentVersionLimitExceeded', `The document ${document.name} has ${MAX_DOCUMENT_VERSIONS} versions, the most a document can have. Delete old versions or create a new document.`);
      }
      if (input.versionName) {
        const [taken] = await tx.select({ version: documentVersions.version }).from(documentVersions).where(and(eq(documentVersions.name, document.name), eq(documentVersions.versionName, input.versionName)));
        if (taken) throw new OpsdeckError('DuplicateDocumentVersionName', `Version ${taken.version} of ${document.name} is already named ${input.versionName}.`);
      }
      const version = document.latestVersion + 1;
      const [row] = await tx.insert(documentVersions).values(versionValues(document.name, version, parsed, { ...input, documentFormat }, caller.username)).returning();
      const [updated] = await tx
        .update(documents)
        .set({ latestVersion: version, displayName: input.displayName ?? document.displayName, targetType: input.targetType ?? document.targetType })
        .where(eq(documents.name, document.name))
        .returning();
      return describe(updated!, row!);
    });
  });
}

/** Content in the format asked for: AWS converts between JSON and YAML on GetDocument. */
function convertContent(content: string, from: string, to: string | undefined): string {
  if (!to || to === from || from === 'TEXT' || to === 'TEXT') return content;
  const value: unknown = from === 'YAML' ? parseYaml(content) : JSON.parse(content);
  return to === 'YAML' ? toYaml(value) : JSON.stringify(value, null, 2);
}

export async function getDocument(caller: Caller, rawSelector: DocumentSelector & { documentFormat?: string }) {
  const selector = documentSelectorInput.parse(rawSelector);
  return perform(caller, { name: 'GetDocument', iamAction: 'ssm:GetDocument', resources: [documentResourceArn(selector.name)], parameters: selector, isAudited: false }, async () => {
    const document = await findDocument(selector.name);
    const row = await findVersion(document, selector);
    return {
      Name: document.name,
      DisplayName: document.displayName ?? undefined,
      DocumentVersion: String(row.version),
      VersionName: row.versionName ?? undefined,
      Status: 'Active' as const,
      Content: convertContent(row.content, row.documentFormat, rawSelector.documentFormat),
      DocumentType: document.documentType,
      DocumentFormat: rawSelector.documentFormat ?? row.documentFormat,
      CreatedDate: row.createdAt,
    };
  });
}

export async function describeDocument(caller: Caller, rawSelector: DocumentSelector): Promise<DocumentDescription> {
  const selector = documentSelectorInput.parse(rawSelector);
  return perform(caller, { name: 'DescribeDocument', iamAction: 'ssm:DescribeDocument', resources: [documentResourceArn(selector.name)], parameters: selector, isAudited: false }, async () => {
    const document = await findDocument(selector.name);
    return describe(document, await findVersion(document, selector));
  });
}

function ownerCondition(values: string[]): SQL {
  const accountId = getServerContext().accountId;
  const owners = new Set<string>();
  for (const value of values) {
    if (value === 'All' || value === 'Public') return sql`true`;
    if (value === 'Amazon') owners.add(BUILTIN_OWNER);
    else if (value === 'Self' || value === 'Private') owners.add(accountId);
    // ThirdParty documents do not exist here (no sharing yet): matches nothing.
  }
  return owners.size > 0 ? inArray(documents.owner, [...owners]) : sql`false`;
}

function filterCondition({ key, values }: { key: string; values: string[] }): SQL {
  switch (key) {
    case 'Name':
      // AWS matches document names by prefix.
      return sql`(${sql.join(values.map((value) => sql`${documents.name} like ${`${value.replace(/[\\%_]/g, '\\$&')}%`}`), sql` or `)})`;
    case 'Owner':
      return ownerCondition(values);
    case 'DocumentType':
      return inArray(documents.documentType, values);
    case 'PlatformTypes':
      return sql`exists (select 1 from ${documentVersions} v where v.name = ${documents.name} and v.version = ${documents.defaultVersion} and v.platform_types ?| ${sql.raw('array[')}${sql.join(values.map((value) => sql`${value}`), sql`, `)}${sql.raw(']::text[]')})`;
    case 'SearchKeyword':
      return sql`(${sql.join(values.map((value) => ilike(documents.name, `%${value.replace(/[\\%_]/g, '\\$&')}%`)), sql` or `)})`;
    default: {
      const tagKey = key.slice('tag:'.length);
      return sql`${documents.tags} ->> ${tagKey} = any(${sql.raw('array[')}${sql.join(values.map((value) => sql`${value}`), sql`, `)}${sql.raw(']::text[]')})`;
    }
  }
}

export interface DocumentListItem {
  Name: string;
  DisplayName?: string;
  Owner: string;
  DocumentVersion: string;
  VersionName?: string;
  DocumentType: string;
  DocumentFormat: string;
  SchemaVersion?: string;
  PlatformTypes: string[];
  TargetType?: string;
  CreatedDate: Date;
  Tags: { Key: string; Value: string }[];
}

/** ListDocuments: the default version of each matching document, by name. */
export async function listDocuments(caller: Caller, rawInput: ListDocumentsInput = {}): Promise<{ items: DocumentListItem[]; hasMore: boolean; total: number }> {
  const input = listDocumentsInput.parse(rawInput);
  return perform(caller, { name: 'ListDocuments', iamAction: 'ssm:ListDocuments', parameters: input, isAudited: false }, async () => {
    const db = getDb();
    const where = input.filters.length > 0 ? and(...input.filters.map(filterCondition)) : undefined;
    const rows = await db
      .select({ document: documents, version: documentVersions })
      .from(documents)
      .innerJoin(documentVersions, and(eq(documentVersions.name, documents.name), eq(documentVersions.version, documents.defaultVersion)))
      .where(where)
      .orderBy(asc(documents.name))
      .limit(input.maxResults + 1)
      .offset(input.offset);
    const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`count(*)::int` }).from(documents).where(where);
    const items = rows.slice(0, input.maxResults).map(({ document, version }) => ({
      Name: document.name,
      DisplayName: document.displayName ?? undefined,
      Owner: document.owner,
      DocumentVersion: String(version.version),
      VersionName: version.versionName ?? undefined,
      DocumentType: document.documentType,
      DocumentFormat: version.documentFormat,
      SchemaVersion: version.schemaVersion ?? undefined,
      PlatformTypes: version.platformTypes,
      TargetType: document.targetType ?? undefined,
      CreatedDate: document.createdAt,
      Tags: Object.entries(document.tags).map(([Key, Value]) => ({ Key, Value })),
    }));
    return { items, hasMore: rows.length > input.maxResults, total };
  });
}

export async function listDocumentVersions(caller: Caller, name: string, page: { maxResults?: number; offset?: number } = {}) {
  const documentName = documentNameSchema.parse(name);
  const maxResults = Math.min(Math.max(page.maxResults ?? 50, 1), 200);
  const offset = Math.max(page.offset ?? 0, 0);
  return perform(caller, { name: 'ListDocumentVersions', iamAction: 'ssm:ListDocumentVersions', resources: [documentResourceArn(documentName)], parameters: { name: documentName }, isAudited: false }, async () => {
    const document = await findDocument(documentName);
    const rows = await getDb()
      .select()
      .from(documentVersions)
      .where(eq(documentVersions.name, documentName))
      .orderBy(desc(documentVersions.version))
      .limit(maxResults + 1)
      .offset(offset);
    return {
      versions: rows.slice(0, maxResults).map((row) => ({
        Name: document.name,
        DisplayName: document.displayName ?? undefined,
        DocumentVersion: String(row.version),
        VersionName: row.versionName ?? undefined,
        CreatedDate: row.createdAt,
        IsDefaultVersion: row.version === document.defaultVersion,
        DocumentFormat: row.documentFormat,
        Status: 'Active' as const,
        CreatedBy: row.createdBy ?? undefined,
      })),
      hasMore: rows.length > maxResults,
    };
  });
}

export async function updateDocumentDefaultVersion(caller: Caller, name: string, documentVersion: string) {
  const selector = documentSelectorInput.parse({ name, documentVersion });
  return perform(caller, { name: 'UpdateDocumentDefaultVersion', iamAction: 'ssm:UpdateDocumentDefaultVersion', resources: [documentResourceArn(selector.name)], parameters: selector }, async () => {
    const document = await findDocument(selector.name);
    assertEditable(document);
    const row = await findVersion(document, selector);
    await getDb().update(documents).set({ defaultVersion: row.version }).where(eq(documents.name, document.name));
    return { Name: document.name, DefaultVersion: String(row.version), DefaultVersionName: row.versionName ?? undefined };
  });
}

/**
 * DeleteDocument: the whole document, or one version (never the default one, as AWS refuses).
 * Commands already sent keep their own copy of the steps, so history stays readable.
 */
export async function deleteDocument(caller: Caller, rawSelector: DocumentSelector): Promise<void> {
  const selector = documentSelectorInput.parse(rawSelector);
  await perform(caller, { name: 'DeleteDocument', iamAction: 'ssm:DeleteDocument', resources: [documentResourceArn(selector.name)], parameters: selector }, async () => {
    const db = getDb();
    await db.transaction(async (tx) => {
      const [document] = await tx.select().from(documents).where(eq(documents.name, selector.name)).for('update');
      if (!document) throw new OpsdeckError('InvalidDocument', `Document with name ${selector.name} does not exist.`);
      assertEditable(document);
      if (!selector.documentVersion && !selector.versionName) {
        await tx.delete(documents).where(eq(documents.name, document.name));
        return;
      }
      const row = await findVersion(document, selector);
      if (row.version === document.defaultVersion) {
        throw new OpsdeckError('InvalidDocumentOperation', `Version ${row.version} is the default version of ${document.name}; make another version the default before deleting it.`);
      }
      await tx.delete(documentVersions).where(and(eq(documentVersions.name, document.name), eq(documentVersions.version, row.version)));
      if (row.version === document.latestVersion) {
        const [{ latest } = { latest: document.defaultVersion }] = await tx
          .select({ latest: sql<number>`max(${documentVersions.version})::int` })
          .from(documentVersions)
          .where(eq(documentVersions.name, document.name));
        await tx.update(documents).set({ latestVersion: latest }).where(eq(documents.name, document.name));
      }
    });
  });
}

export interface VersionDiff {
  from: { version: number; content: string };
  to: { version: number; content: string };
  /** Line hunks: added, removed or unchanged text, in order. */
  parts: { kind: 'added' | 'removed' | 'same'; text: string }[];
}

/** Compares two versions line by line (the console's "Compare versions"). */
export async function compareDocumentVersions(caller: Caller, name: string, fromVersion: string, toVersion: string): Promise<VersionDiff> {
  const documentName = documentNameSchema.parse(name);
  await authorize(caller, { action: 'ssm:GetDocument', resource: documentResourceArn(documentName) });
  const document = await findDocument(documentName);
  const [from, to] = await Promise.all([findVersion(document, documentSelectorInput.parse({ name, documentVersion: fromVersion })), findVersion(document, documentSelectorInput.parse({ name, documentVersion: toVersion }))]);
  return {
    from: { version: from.version, content: from.content },
    to: { version: to.version, content: to.content },
    parts: diffLines(from.content, to.content).map((part) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text: part.value })),
  };
}

/** The editor's inline lint: validation with no side effects, for anyone who may list documents. */
export async function lintDocument(caller: Caller, input: { documentType: string; documentFormat: string; content: string }) {
  await authorize(caller, { action: 'ssm:ListDocuments', resource: '*' });
  const checked = validateDocument(input.documentType as never, input.documentFormat as never, input.content);
  return checked.ok ? { issues: [], parameters: checked.document.parameters } : { issues: checked.issues, parameters: [] };
}
