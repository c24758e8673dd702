import { apiBaseUrl, resolveApiKey, type KeySource } from './config';

export type ApiError =
  | { kind: 'unauthorized'; message: string; keySource: KeySource }
  | { kind: 'not-found'; message: string }
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

/**
 * GET a path of the Parcours API with the admin key of this request. Never throws: the pages turn
 * every failure into a readable state (401 → connect, unreachable → check the API URL).
 */
export async function apiGet<T>(
  path: string,
  key?: { key: string | null; source: KeySource },
): Promise<ApiResult<T>> {
  const { key: apiKey, source } = key ?? (await resolveApiKey());
  const url = `${apiBaseUrl()}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
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

  let body: unknown = null;
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }

  if (response.ok) return { ok: true, data: body as T };
  if (response.status === 401 || response.status === 403) {
    return {
      ok: false,
      error: { kind: 'unauthorized', keySource: source, message: messageOf(body, 'Unauthorized') },
    };
  }
  if (response.status === 404)
    return { ok: false, error: { kind: 'not-found', message: messageOf(body, 'Not found') } };
  return {
    ok: false,
    error: {
      kind: 'http',
      status: response.status,
      message: messageOf(body, response.statusText || 'Request failed'),
    },
  };
}
