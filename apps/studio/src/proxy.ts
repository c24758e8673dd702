import { type NextRequest, NextResponse } from 'next/server';

// The cookie name of src/lib/api/config.ts (the proxy stays free of server-only modules).
const SESSION_COOKIE = 'parcours_session';

/**
 * Optimistic check only: without a session cookie, go and sign in first. Whether the session is
 * still valid, and what the role allows, is for the API to say on every call.
 */
export function proxy(request: NextRequest) {
  if (request.cookies.get(SESSION_COOKIE)?.value) return NextResponse.next();
  const url = request.nextUrl.clone();
  const next = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  url.pathname = '/sign-in';
  url.search = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but the sign-in page, Next's assets and the icon.
  matcher: ['/((?!sign-in|_next/static|_next/image|icon.svg|favicon.ico).*)'],
};
