import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { DocumentDescription, DocumentListItem, VersionDiff } from '@/server/documents/service';
import { ApiError, apiFetch, type Jsonified } from '@/components/lib/api-client';
import type { ParameterDefinition } from '@/components/run-command/parameter-fields';

export type Document = Jsonified<DocumentDescription>;
export type DocumentSummary = Jsonified<DocumentListItem>;
export type { VersionDiff };

export type OwnerFilter = 'Self' | 'Amazon' | 'All';
export interface DocumentListFilters {
  owner: OwnerFilter;
  type: string;
  search: string;
  page: number;
}

export interface DocumentList {
  documents: DocumentSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface DocumentPermissions {
  canUpdate: boolean;
  canDelete: boolean;
  canSetDefault: boolean;
  canRun: boolean;
}

export interface DocumentWithPermissions {
  document: Document;
  isBuiltin: boolean;
  permissions: DocumentPermissions;
}

export interface DocumentContent {
  Name: string;
  DocumentVersion: string;
  VersionName?: string;
  Content: string;
  DocumentType: string;
  DocumentFormat: string;
  CreatedDate: string;
}

export interface DocumentVersion {
  Name: string;
  DocumentVersion: string;
  VersionName?: string;
  CreatedDate: string;
  IsDefaultVersion: boolean;
  DocumentFormat: string;
  CreatedBy?: string;
}

/** One problem in a document, where the server could place it (1-based line and column). */
export interface DocumentIssue {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export interface LintResult {
  issues: DocumentIssue[];
  parameters: ParameterDefinition[];
}

export const DOCUMENT_TYPES = ['Command', 'Automation', 'Session', 'Package', 'Policy', 'ChangeCalendar'] as const;
export const DOCUMENTS_PAGE_SIZE = 25;

export const documentKeys = {
  all: ['documents'] as const,
  lists: () => [...documentKeys.all, 'list'] as const,
  list: (filters: DocumentListFilters, pageSize: number) => [...documentKeys.lists(), filters, pageSize] as const,
  detail: (name: string) => [...documentKeys.all, 'detail', name] as const,
  content: (name: string, version: string) => [...documentKeys.all, 'content', name, version] as const,
  versions: (name: string) => [...documentKeys.all, 'versions', name] as const,
  compare: (name: string, from: string, to: string) => [...documentKeys.all, 'compare', name, from, to] as const,
  parameters: (name: string, version: string) => [...documentKeys.all, 'parameters', name, version] as const,
};

export const documentPath = (name: string) => `/api/documents/${encodeURIComponent(name)}`;
export const documentHref = (name: string) => `/documents/${encodeURIComponent(name)}`;

/** A deleted or mistyped document will not appear by asking again. */
const retryUnlessMissing = (failures: number, error: unknown) => !(error instanceof ApiError && (error.status === 404 || error.code === 'InvalidDocument')) && failures < 1;

export const documentListQuery = (filters: DocumentListFilters, pageSize: number = DOCUMENTS_PAGE_SIZE) =>
  queryOptions({
    queryKey: documentKeys.list(filters, pageSize),
    queryFn: () => {
      const params = new URLSearchParams({ owner: filters.owner, page: String(filters.page), pageSize: String(pageSize) });
      if (filters.type) params.set('type', filters.type);
      if (filters.search.trim()) params.set('search', filters.search.trim());
      return apiFetch<DocumentList>(`/api/documents?${params}`);
    },
    placeholderData: keepPreviousData,
  });

export const documentQuery = (name: string) =>
  queryOptions({ queryKey: documentKeys.detail(name), queryFn: () => apiFetch<DocumentWithPermissions>(documentPath(name)), retry: retryUnlessMissing });

/** `version`: a number, or '$DEFAULT' / '$LATEST'. */
export const documentContentQuery = (name: string, version: string) =>
  queryOptions({
    queryKey: documentKeys.content(name, version),
    queryFn: () => apiFetch<DocumentContent>(`${documentPath(name)}/content?${new URLSearchParams({ version })}`),
    retry: retryUnlessMissing,
  });

export const documentVersionsQuery = (name: string) =>
  queryOptions({
    queryKey: documentKeys.versions(name),
    // 200 is the route's page limit; a document with more versions lists its newest 200 here.
    queryFn: () => apiFetch<{ versions: DocumentVersion[]; hasMore: boolean }>(`${documentPath(name)}/versions?pageSize=200`),
  });

export const versionDiffQuery = (name: string, from: string, to: string) =>
  queryOptions({
    queryKey: documentKeys.compare(name, from, to),
    queryFn: () => apiFetch<VersionDiff>(`${documentPath(name)}/compare?${new URLSearchParams({ from, to })}`),
    staleTime: Infinity,
  });

/** The parameters a version declares, in full (allowed values and patterns too), for a generated form. */
export const documentParametersQuery = (name: string, version: string) =>
  queryOptions({
    queryKey: documentKeys.parameters(name, version),
    queryFn: () => apiFetch<{ parameters: ParameterDefinition[]; documentType: string }>(`${documentPath(name)}/parameters?${new URLSearchParams({ version })}`),
  });

export function lintDocument(input: { documentType: string; documentFormat: string; content: string }, signal?: AbortSignal) {
  return apiFetch<LintResult>('/api/documents/editor/lint', { method: 'POST', json: input, signal });
}

/** A save the server refused for the content, with each issue placed by line (the editor marks them). */
export class DocumentContentError extends ApiError {
  constructor(
    message: string,
    status: number,
    readonly issues: DocumentIssue[],
  ) {
    super('InvalidDocumentContent', message, status);
  }
}

/**
 * Create and update, like apiFetch but keeping the `issues` a refused content comes back with
 * (apiFetch keeps only the message).
 */
async function saveDocument(path: string, method: 'POST' | 'PUT', json: unknown): Promise<Document> {
  const response = await fetch(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
  const body = (await response.json().catch(() => ({}))) as { __type?: string; message?: string; issues?: DocumentIssue[] };
  if (response.ok) return body as unknown as Document;
  const message = body.message ?? `request failed (${response.status})`;
  if (Array.isArray(body.issues)) throw new DocumentContentError(message, response.status, body.issues);
  throw new ApiError(body.__type ?? 'Error', message, response.status);
}

export interface SaveDocumentInput {
  content: string;
  documentFormat: 'JSON' | 'YAML';
  versionName?: string;
}

export function useCreateDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveDocumentInput & { name: string; documentType: string }) => saveDocument('/api/documents', 'POST', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.lists() }),
  });
}

export function useUpdateDocument(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // Edits always start from the latest version, as AWS requires.
    mutationFn: (input: SaveDocumentInput) => saveDocument(documentPath(name), 'PUT', { ...input, documentVersion: '$LATEST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.all }),
  });
}

export function useSetDefaultVersion(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: string) => apiFetch<{ DefaultVersion: string }>(`${documentPath(name)}/default-version`, { method: 'PUT', json: { version } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.all }),
  });
}

export function useDeleteDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiFetch<{ name: string }>(documentPath(name), { method: 'DELETE' }),
    onSuccess: (_, name) => {
      queryClient.removeQueries({ queryKey: documentKeys.detail(name) });
      return queryClient.invalidateQueries({ queryKey: documentKeys.lists() });
    },
  });
}
