import 'server-only';
import { apiBaseUrl, sessionToken } from './config';

const PASSED_HEADERS = ['content-type', 'content-disposition'];

/**
 * A file of the API (CSV, JSON export) streamed through the studio's server with the session token:
 * the browser holds no API credential, so downloads cannot go to the API directly.
 */
export async function proxyDownload(path: string): Promise<Response> {
  const token = await sessionToken();
  if (!token) return new Response('Not signed in', { status: 401 });
  let upstream: Response;
  try {
    upstream = await fetch(`${apiBaseUrl()}${path}`, {
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
  } catch {
    return new Response('The API cannot be reached', { status: 502 });
  }
  const headers = new Headers();
  for (const name of PASSED_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers });
}
