// The production database guard (issue 12 #13): with NODE_ENV=production and a Neon URL it is on by default, pinned
// to the seed's endpoint; another endpoint stops start-up with a message naming both.
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig, setConfig } from '@/src/lib/config';
import { startupProblem } from '@/src/lib/startup';
import { createDb } from '@/src/lib/db';

const SECRET = 'x'.repeat(40);
const neon = (endpoint: string) => `postgres://app:pw@${endpoint}-pooler.eu-central-1.aws.neon.tech/neondb?sslmode=require`;

afterEach(() => setConfig(undefined));

describe('production database guard', () => {
  it('refuses a production start on another Neon endpoint, naming both', async () => {
    const config = parseConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, DATABASE_URL: neon('ep-wild-sun-12345678') });
    expect(config.REQUIRED_DB_ENDPOINT).toBe('ep-dry-night-a9qyh4sj');
    setConfig(config);
    const problem = startupProblem();
    expect(problem).toContain('ep-dry-night-a9qyh4sj');
    expect(problem).toContain('ep-wild-sun-12345678');
    await expect(createDb(config)).rejects.toThrow(/ep-dry-night-a9qyh4sj/);
  });

  it('starts on the production endpoint, and an explicit REQUIRED_DB_ENDPOINT still wins', () => {
    setConfig(parseConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, DATABASE_URL: neon('ep-dry-night-a9qyh4sj') }));
    expect(startupProblem()).toBeNull();
    setConfig(parseConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, DATABASE_URL: neon('ep-wild-sun-12345678'), REQUIRED_DB_ENDPOINT: 'ep-wild-sun-12345678' }));
    expect(startupProblem()).toBeNull();
  });

  it('leaves development and non-Neon databases alone', () => {
    expect(parseConfig({ NODE_ENV: 'development', DATABASE_URL: neon('ep-wild-sun-12345678') }).REQUIRED_DB_ENDPOINT).toBeUndefined();
    expect(parseConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, DATABASE_URL: 'postgres://app@db.internal:5432/ff' }).REQUIRED_DB_ENDPOINT).toBeUndefined();
    expect(parseConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET }).REQUIRED_DB_ENDPOINT).toBeUndefined();
  });
});
