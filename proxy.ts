// Next.js proxy (Node.js runtime): puts the security headers on every page and asset; API answers get theirs from
// the route wrapper, so the same headers hold in tests that serve the routes without Next.js.
import { NextResponse } from 'next/server';
import { getConfig } from '@/src/lib/config';
import { securityHeaders } from '@/src/lib/http/securityHeaders';

export function proxy(): NextResponse {
  const config = getConfig();
  const res = NextResponse.next();
  for (const [k, v] of Object.entries(securityHeaders({ appUrl: config.APP_URL, dev: config.NODE_ENV === 'development', kind: 'page' }))) res.headers.set(k, v);
  return res;
}

export const config = { matcher: '/((?!api/).*)' };
