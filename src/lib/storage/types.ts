// The storage interface attachments are written through: a local directory today, S3-compatible storage later.
import type { Readable } from 'node:stream';

export interface StoredObject {
  size: number;
  sha256: string;
}

export interface ObjectStorage {
  /** Streams body to key; rejects (and keeps nothing) past maxBytes. Keys are ours, never a user's file name. */
  put(key: string, body: Readable, opts: { maxBytes: number }): Promise<StoredObject>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

export class ObjectTooLargeError extends Error {
  constructor(public readonly maxBytes: number) {
    super(`Object exceeds ${maxBytes} bytes`);
    this.name = 'ObjectTooLargeError';
  }
}
