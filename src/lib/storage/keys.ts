// Storage keys are ours (ticket id / random id), never a user's file name: one rule for every backend.
const KEY_RE = /^[a-z0-9][a-z0-9/_-]{0,200}$/i;

export function assertStorageKey(key: string): void {
  if (!KEY_RE.test(key) || key.includes('..') || key.includes('//')) throw new Error(`Invalid storage key: ${key}`);
}
