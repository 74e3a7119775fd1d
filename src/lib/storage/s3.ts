// S3-compatible storage (AWS S3, Google Cloud Storage's XML API with HMAC keys, MinIO): uploads stream through a
// meter (size limit, SHA-256) into a multipart upload that only completes when the whole body arrived, so a refused
// or broken upload leaves no object; downloads stream the object's body.
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ObjectTooLargeError, type ObjectStorage, type StoredObject } from './types';
import { assertStorageKey } from './keys';

export interface S3Settings {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

export class S3Storage implements ObjectStorage {
  private readonly client: S3Client;

  constructor(private readonly s: S3Settings) {
    this.client = new S3Client({
      region: s.region,
      endpoint: s.endpoint,
      // Custom endpoints (MinIO, GCS interoperability, local emulators) address buckets by path, not by subdomain.
      forcePathStyle: Boolean(s.endpoint),
      credentials: s.accessKeyId && s.secretAccessKey ? { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } : undefined,
    });
  }

  async put(key: string, body: Readable, opts: { maxBytes: number }): Promise<StoredObject> {
    assertStorageKey(key);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > opts.maxBytes) return done(new ObjectTooLargeError(opts.maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    // A failing source must fail the upload: forward its error into the meter the upload reads from.
    body.once('error', (err) => meter.destroy(err));
    let meterError: unknown;
    meter.once('error', (err) => {
      meterError = err;
    });
    const upload = new Upload({ client: this.client, params: { Bucket: this.s.bucket, Key: key, Body: body.pipe(meter) }, leavePartsOnError: false });
    try {
      await upload.done();
    } catch (err) {
      // The upload reports its own abort; the cause worth reporting is the meter's (too large) or the source's.
      throw meterError ?? err;
    }
    return { size, sha256: hash.digest('hex') };
  }

  async get(key: string): Promise<Readable> {
    assertStorageKey(key);
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.s.bucket, Key: key }));
    return out.Body as Readable;
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.s.bucket, Key: key }));
  }

  /** Releases the client's sockets (tests, shutdown). */
  close(): void {
    this.client.destroy();
  }
}

