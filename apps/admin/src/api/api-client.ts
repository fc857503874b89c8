import { ApiError, toApiError } from './api-error';

const BASE = '/api/v1';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The session's CSRF token, sent as X-CSRF-Token on every write (set by the session provider). */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface ApiResponse<T> {
  body: T;
  headers: Headers;
}

type Query = Record<string, string | number | boolean | undefined | null>;

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return `${BASE}${path}${search ? `?${search}` : ''}`;
}

/** One call to the API with the session cookie; throws ApiError with the API's problem details. */
export async function apiRequest<T>(
  method: string,
  path: string,
  options: { body?: unknown; query?: Query } = {},
): Promise<ApiResponse<T>> {
  // No Accept header: the API answers JSON anyway, and a GET with custom headers would not take the response the
  // browser preloaded for it (the Link header on /admin).
  const headers: Record<string, string> = {};
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (WRITES.has(method) && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(url(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'The API cannot be reached; check the connection and try again');
  }
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!response.ok) {
    throw toApiError(response.status, body, response.headers.get('Retry-After'));
  }
  return { body: body as T, headers: response.headers };
}

export const api = {
  get: async <T>(path: string, query?: Query): Promise<T> => (await apiRequest<T>('GET', path, { query })).body,
  post: async <T>(path: string, body?: unknown): Promise<T> => (await apiRequest<T>('POST', path, { body })).body,
  put: async <T>(path: string, body?: unknown): Promise<T> => (await apiRequest<T>('PUT', path, { body })).body,
  patch: async <T>(path: string, body?: unknown): Promise<T> => (await apiRequest<T>('PATCH', path, { body })).body,
  delete: async <T>(path: string): Promise<T> => (await apiRequest<T>('DELETE', path)).body,
};
