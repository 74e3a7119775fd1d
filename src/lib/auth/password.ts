// Password hashing with scrypt (node:crypto): "scrypt$N$r$p$salt$hash", verified in constant time.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 64;

const scryptAsync = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) => Promise<Buffer>;
const scrypt = (password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> => scryptAsync(password, salt, KEYLEN, opts);

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (!stored) return false;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts;
  const expected = Buffer.from(hash, 'base64');
  // A corrupted stored hash (bad cost parameters) is a failed login, not a crash.
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) }).catch(() => null);
  return actual !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}
