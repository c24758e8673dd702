import 'server-only';
import { apiBaseUrl, sessionToken } from './config';

export interface FieldError {
  path: string;
  message: string;
}

export type ApiError =
  /** No session, or it expired: sign in again. */
  | { kind: 'unauthorized'; message: string }
  /** Signed in, but the role does not allow it. */
  | { kind: 'forbidden'; message: string }
  | { kind: 'not-found'; message: string }
  /** 400: the API lists what is wrong, field by field when it can. */
  | { kind: 'invalid'; message: string; errors: FieldError[] }
  | { kind: 'too-many'; message: string; retryAfterSeconds: number }
  | { kind: 'unreachable'; message: string; url: string }
  | { kind: 'http'; status: number; message: string };

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

const TIMEOUT_MS = 10_000;

function messageOf(body: unknown, fallback: string): string {
  if (body && typeof body === 'object' && 'message' in body) {
    const { message } = body as { message: unknown };
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join('; ');
  }
  return fallback;
}

function errorsOf(body: unknown): FieldError[] {
  const errors =
    body && typeof body === 'object' && 'errors' in body ? (body as { errors: unknown }).errors : [];
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((error) => {
    if (!error || typeof error !== 'object') return [];
    const { path, message } = error as { path?: unknown; message?: unknown };
    return typeof message === 'string'
      ? [{ path: Array.isArray(path) ? path.join('.') : String(path ?? ''), message }]
      : [];
  });
}

/**
 * Calls the Parcours API as the signed-in user (the session token of the request's cookie).
 * Never throws: pages and actions turn every failure into a readable state.
 */
export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  { token }: { token?: string | null } = {},
): Promise<ApiResult<T>> {
  const bearer = token === undefined ? await sessionToken() : token;
  const url = `${apiBaseUrl()}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    const reason =
      cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : '';
    return {
      ok: false,
      error: { kind: 'unreachable', url: apiBaseUrl(), message: reason || 'request failed' },
    };
  }

  let parsed: unknown = null;
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }

  if (response.ok) return { ok: true, data: parsed as T };
  const message = messageOf(parsed, response.statusText || 'Request failed');
  switch (response.status) {
    case 400:
      return { ok: false, error: { kind: 'invalid', message, errors: errorsOf(parsed) } };
    case 401:
      return { ok: false, error: { kind: 'unauthorized', message } };
    case 403:
      return { ok: false, error: { kind: 'forbidden', message } };
    case 404:
      return { ok: false, error: { kind: 'not-found', message } };
    case 429:
      return {
        ok: false,
        error: {
          kind: 'too-many',
          message,
          retryAfterSeconds: Number(response.headers.get('retry-after')) || 60,
        },
      };
    default:
      return { ok: false, error: { kind: 'http', status: response.status, message } };
  }
}

export function apiGet<T>(path: string): Promise<ApiResult<T>> {
  return apiRequest<T>('GET', path);
}
