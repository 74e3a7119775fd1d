// Chooses the storage backend from config (the local directory under the data dir).
import type { AppConfig } from '../config';
import { LocalDirStorage } from './localDir';
import type { ObjectStorage } from './types';

export type { ObjectStorage, StoredObject } from './types';
export { ObjectTooLargeError } from './types';

const cache = new Map<string, ObjectStorage>();

export function getStorage(config: AppConfig): ObjectStorage {
  let s = cache.get(config.storageDir);
  if (!s) {
    s = new LocalDirStorage(config.storageDir);
    cache.set(config.storageDir, s);
  }
  return s;
}
