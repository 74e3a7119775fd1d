// Chooses the storage backend from config: the local directory under the data dir, or an S3-compatible bucket.
import type { AppConfig } from '../config';
import { LocalDirStorage } from './localDir';
import { S3Storage } from './s3';
import type { ObjectStorage } from './types';

export type { ObjectStorage, StoredObject } from './types';
export { ObjectTooLargeError } from './types';

const cache = new Map<string, ObjectStorage>();

export function getStorage(config: AppConfig): ObjectStorage {
  const key =
    config.STORAGE_DRIVER === 's3'
      ? `s3:${config.S3_ACCESS_KEY_ID ?? ''}@${config.S3_ENDPOINT ?? config.S3_REGION}/${config.S3_BUCKET}`
      : config.storageDir;
  let s = cache.get(key);
  if (!s) {
    s =
      config.STORAGE_DRIVER === 's3'
        ? new S3Storage({
            bucket: config.S3_BUCKET as string, region: config.S3_REGION, endpoint: config.S3_ENDPOINT,
            accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY,
          })
        : new LocalDirStorage(config.storageDir);
    cache.set(key, s);
  }
  return s;
}
