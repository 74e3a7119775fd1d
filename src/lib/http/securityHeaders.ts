// Security headers for every page and API answer: a Content-Security-Policy that forbids framing, X-Frame-Options
// for older browsers, nosniff, a Referrer-Policy that keeps ticket URLs in the app, and HSTS when served over https.
export interface SecurityHeaderOptions {
  appUrl: string;
  /** next dev needs eval and a WebSocket for hot reload; a production build needs neither. */
  dev?: boolean;
  /** 'api': JSON answers load nothing at all; 'page': the app's own scripts, styles, images and API calls. */
  kind: 'page' | 'api';
  /** Per-request nonce for the inline scripts Next.js writes into a page (its chunk list). */
  nonce?: string;
}

function pageCsp(dev: boolean, nonce: string | undefined): string {
  return [
    "default-src 'self'",
    `script-src 'self'${nonce ? ` 'nonce-${nonce}'` : ''}${dev ? " 'unsafe-eval'" : ''}`,
    // React and recharts set style attributes; styles cannot run code, so inline styles are allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(o: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': o.kind === 'api' ? "default-src 'none'; frame-ancestors 'none'; base-uri 'none'" : pageCsp(o.dev ?? false, o.nonce),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (o.appUrl.startsWith('https://')) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}
