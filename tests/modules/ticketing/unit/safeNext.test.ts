// Open redirect (issue 12 #6): after sign-in only same-origin relative paths are followed.
import { describe, expect, it } from 'vitest';
import { safeNext } from '@/src/modules/ticketing/hooks/urls';

const ORIGIN = 'http://localhost:3000';

describe('safeNext', () => {
  it('refuses every way of naming another host', () => {
    const attacks = [
      '/\t/evil.example/', // the reported one: /%09/evil.example/ decoded
      '/\n/evil.example', '/\r/evil.example', '\t//evil.example',
      '//evil.example', '/\\evil.example', '\\\\evil.example', '/\\/evil.example',
      'https://evil.example', 'HTTPS://evil.example', 'javascript:alert(1)', ' javascript:alert(1)',
      'data:text/html,x', 'http:evil.example', '/%2F/evil.example'.replace('%2F', '/'), 'evil.example',
      '', '/login?next=/ticketing', '/LOGIN',
    ];
    for (const a of attacks) expect(safeNext(a, ORIGIN), JSON.stringify(a)).toBe('/ticketing');
  });

  it('keeps same-origin paths with their query and hash', () => {
    expect(safeNext('/ticketing/tickets?x=1#top', ORIGIN)).toBe('/ticketing/tickets?x=1#top');
    expect(safeNext('/ticketing/tickets/FF-000001', ORIGIN)).toBe('/ticketing/tickets/FF-000001');
    expect(safeNext(['/a'], ORIGIN)).toBe('/ticketing');
    // A space is no host: it stays a path on this origin.
    expect(safeNext('/ /evil.example', ORIGIN)).toBe('/%20/evil.example');
    expect(safeNext(undefined, ORIGIN)).toBe('/ticketing');
  });
});
