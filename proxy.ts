// Next.js proxy (Node.js runtime): puts the security headers on every page and asset, with a fresh nonce per request
// that _document puts on the inline scripts Next.js writes. API answers get their headers from the route wrapper, so
// the same headers hold in tests that serve the routes without Next.js.
import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { getConfig } from '@/src/lib/config';
import { securityHeaders } from '@/src/lib/http/securityHeaders';

export function proxy(request: NextRequest): NextResponse {
  const config = getConfig();
  const nonce = randomBytes(16).toString('base64');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  const headers = securityHeaders({ appUrl: config.APP_URL, dev: config.NODE_ENV === 'development', kind: 'page', nonce });
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

export const config = { matcher: '/((?!api/).*)' };
