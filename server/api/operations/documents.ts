import { z } from 'zod';
import {
  createDocument,
  deleteDocument,
  describeDocument,
  getDocument,
  listDocuments,
  listDocumentVersions,
  updateDocument,
  updateDocumentDefaultVersion,
} from '@/server/documents/service';
import { awsTags } from '../aws-json';
import { defineOperation } from '../operation';
import { decodeNextToken, nextTokenAfter } from '../pagination';

const name = z.string({ message: 'Name is required' });

export const CreateDocument = defineOperation({
  name: 'CreateDocument',
  input: z.object({
    Name: name,
    Content: z.string({ message: 'Content is required' }),
    DocumentType: z.string().optional(),
    DocumentFormat: z.string().optional(),
    VersionName: z.string().optional(),
    DisplayName: z.string().optional(),
    TargetType: z.string().optional(),
    Tags: awsTags.optional(),
  }),
  async run(input, caller) {
    const description = await createDocument(caller, {
      name: input.Name,
      content: input.Content,
      documentType: input.DocumentType as never,
      documentFormat: input.DocumentFormat as never,
      versionName: input.VersionName,
      displayName: input.DisplayName,
      targetType: input.TargetType,
      tags: input.Tags,
    });
    return { DocumentDescription: description };
  },
});

export const UpdateDocument = defineOperation({
  name: 'UpdateDocument',
  input: z.object({
    Name: name,
    Content: z.string({ message: 'Content is required' }),
    DocumentVersion: z.string().optional(),
    DocumentFormat: z.string().optional(),
    VersionName: z.string().optional(),
    DisplayName: z.string().optional(),
    TargetType: z.string().optional(),
  }),
  async run(input, caller) {
    const description = await updateDocument(caller, {
      name: input.Name,
      content: input.Content,
      documentVersion: input.DocumentVersion,
      documentFormat: input.DocumentFormat as never,
      versionName: input.VersionName,
      displayName: input.DisplayName,
      targetType: input.TargetType,
    });
    return { DocumentDescription: description };
  },
});

const selector = { Name: name, DocumentVersion: z.string().optional(), VersionName: z.string().optional() };

export const GetDocument = defineOperation({
  name: 'GetDocument',
  input: z.object({ ...selector, DocumentFormat: z.enum(['JSON', 'YAML', 'TEXT']).optional() }),
  run: (input, caller) => getDocument(caller, { name: input.Name, documentVersion: input.DocumentVersion, versionName: input.VersionName, documentFormat: input.DocumentFormat }),
});

export const DescribeDocument = defineOperation({
  name: 'DescribeDocument',
  input: z.object(selector),
  async run(input, caller) {
    return { Document: await describeDocument(caller, { name: input.Name, documentVersion: input.DocumentVersion, versionName: input.VersionName }) };
  },
});

// The old DocumentFilterList keys, lower-case as the API spells them, map onto the Filters keys.
const LEGACY_FILTER_KEYS: Record<string, string> = { Name: 'Name', Owner: 'Owner', PlatformTypes: 'PlatformTypes', DocumentType: 'DocumentType' };

export const ListDocuments = defineOperation({
  name: 'ListDocuments',
  input: z.object({
    DocumentFilterList: z.array(z.object({ key: z.enum(['Name', 'Owner', 'PlatformTypes', 'DocumentType']), value: z.string() })).optional(),
    Filters: z.array(z.object({ Key: z.string(), Values: z.array(z.string()) })).optional(),
    MaxResults: z.number().int().min(1).max(50).optional(),
    NextToken: z.string().optional(),
  }),
  async run(input, caller) {
    const offset = decodeNextToken('ListDocuments', input.NextToken);
    const filters = [
      ...(input.DocumentFilterList ?? []).map((filter) => ({ key: LEGACY_FILTER_KEYS[filter.key]!, values: [filter.value] })),
      ...(input.Filters ?? []).map((filter) => ({ key: filter.Key, values: filter.Values })),
    ];
    const page = await listDocuments(caller, { filters, maxResults: input.MaxResults ?? 50, offset });
    return { DocumentIdentifiers: page.items, NextToken: nextTokenAfter('ListDocuments', offset, page.items.length, page.hasMore) };
  },
});

export const ListDocumentVersions = defineOperation({
  name: 'ListDocumentVersions',
  input: z.object({ Name: name, MaxResults: z.number().int().min(1).max(50).optional(), NextToken: z.string().optional() }),
  async run(input, caller) {
    const offset = decodeNextToken('ListDocumentVersions', input.NextToken);
    const page = await listDocumentVersions(caller, input.Name, { maxResults: input.MaxResults ?? 50, offset });
    return { DocumentVersions: page.versions, NextToken: nextTokenAfter('ListDocumentVersions', offset, page.versions.length, page.hasMore) };
  },
});

export const UpdateDocumentDefaultVersion = defineOperation({
  name: 'UpdateDocumentDefaultVersion',
  input: z.object({ Name: name, DocumentVersion: z.string({ message: 'DocumentVersion is required' }) }),
  async run(input, caller) {
    return { Description: await updateDocumentDefaultVersion(caller, input.Name, input.DocumentVersion) };
  },
});

export const DeleteDocument = defineOperation({
  name: 'DeleteDocument',
  input: z.object({ ...selector, Force: z.boolean().optional() }),
  async run(input, caller) {
    await deleteDocument(caller, { name: input.Name, documentVersion: input.DocumentVersion, versionName: input.VersionName });
    return {};
  },
});
