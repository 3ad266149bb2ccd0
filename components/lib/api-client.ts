/** Dates travel as ISO strings in JSON; this maps a server view type to what the browser receives. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Calls the console API; failures become an ApiError carrying the server's own words. */
export async function apiFetch<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: init?.json !== undefined ? { 'content-type': 'application/json', ...init?.headers } : init?.headers,
    body: init?.json !== undefined ? JSON.stringify(init.json) : init?.body,
  });
  const body = (await response.json().catch(() => ({}))) as { __type?: string; message?: string };
  if (response.status === 401 && typeof window !== 'undefined' && !path.startsWith('/api/auth/')) {
    window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
  }
  if (!response.ok) {
    throw new ApiError(body.__type ?? 'Error', body.message ?? `request failed (${response.status})`, response.status);
  }
  return body as T;
}
