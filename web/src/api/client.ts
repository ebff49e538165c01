import { QueryCache, QueryClient, MutationCache, queryOptions, useQuery } from '@tanstack/react-query';
import type { FieldProblem } from '../../../src/shared/api';
import type { Me, Permission } from './types';

/** An error answer of the API: `{"error": {"code", "message", "details"}}` plus the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The failing fields of a validation error, by field name (the first problem of each). */
  get fields(): Record<string, FieldProblem> {
    const list = (this.details as { fields?: FieldProblem[] } | undefined)?.fields;
    const out: Record<string, FieldProblem> = {};
    if (Array.isArray(list))
      for (const f of list) if (f && typeof f.field === 'string' && !(f.field in out)) out[f.field] = f;
    return out;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** Appends the defined values of `query` to `path` as a query string. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** Extra settings of one call. */
export interface ApiOptions {
  /** Headers added to the call's own (`idempotency-key`…). */
  headers?: Record<string, string>;
}

/**
 * Calls the API (`path` is relative to /api/v1): same-origin, cookie session, JSON answers. The
 * body is sent as JSON, or as multipart/form-data when it is a FormData (a file upload: no
 * content-type here, the browser sets it with the boundary). An error answer throws an ApiError.
 */
export async function apiFetch<T>(method: string, path: string, body?: unknown, options: ApiOptions = {}): Promise<T> {
  const form = body instanceof FormData;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'include',
      headers: {
        accept: 'application/json',
        ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's error page): the status alone describes the failure.
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'internal_error', err?.message ?? res.statusText, err?.details);
  }
  return data as T;
}

/** The API verbs. A `post` body may be a FormData (file upload). */
export const api = {
  get: <T>(path: string, query?: Query, options?: ApiOptions) =>
    apiFetch<T>('GET', withQuery(path, query), undefined, options),
  post: <T>(path: string, body?: unknown, options?: ApiOptions) => apiFetch<T>('POST', path, body ?? {}, options),
  patch: <T>(path: string, body: unknown, options?: ApiOptions) => apiFetch<T>('PATCH', path, body, options),
  put: <T>(path: string, body: unknown, options?: ApiOptions) => apiFetch<T>('PUT', path, body, options),
  del: <T = void>(path: string, options?: ApiOptions) => apiFetch<T>('DELETE', path, undefined, options),
};

/** Called when the API answers 401 to a signed-in page (session expired, signed out elsewhere). */
let onUnauthenticated: () => void = () => {};
export function setOnUnauthenticated(fn: () => void): void {
  onUnauthenticated = fn;
}

function handle401(error: unknown): void {
  if (error instanceof ApiError && error.status === 401 && queryClient.getQueryData(meQuery.queryKey)) {
    queryClient.setQueryData(meQuery.queryKey, null);
    onUnauthenticated();
  }
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: handle401 }),
  mutationCache: new MutationCache({ onError: handle401 }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
    },
  },
});

/** GET /me; null when nobody is signed in. */
export const meQuery = queryOptions({
  queryKey: ['me'] as const,
  queryFn: async (): Promise<Me | null> => {
    // Not GET /me: its 401 for a visitor not signed in yet would be logged by the browser as an error.
    return (await api.get<{ user: Me | null }>('/auth/session')).user;
  },
  staleTime: 5 * 60_000,
});

/**
 * The signed-in user. Only for components under the signed-in layout, which has loaded /me
 * (and sends anonymous visitors to the sign-in page) before rendering them.
 */
export function useMe(): Me {
  const { data } = useQuery(meQuery);
  if (!data) throw new Error('useMe() used outside the signed-in layout');
  return data;
}

/** Whether the user holds a permission (as granted by the server in /me). */
export function hasPermission(
  me: Pick<Me, 'permissions'>,
  permission: Permission | readonly Permission[] | undefined,
): boolean {
  if (!permission) return true;
  const wanted = typeof permission === 'string' ? [permission] : permission;
  return wanted.some((p) => me.permissions.includes(p));
}
