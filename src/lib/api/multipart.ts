// Streams the single file part of a multipart/form-data upload to a consumer, with size and type limits.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { UnsupportedMediaTypeError, ValidationError } from './errors';
import { mediaType } from './body';
import { humanTypes } from '../humanText';

export interface FileInfo {
  fileName: string;
  mimeType: string;
}

/** Keeps a display name only: no directories, no control characters, at most 200 characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return clean || 'file';
}

export function readSingleFile<T>(
  req: IncomingMessage,
  limits: { maxBytes: number; allowedTypes: string[] },
  consume: (file: Readable, info: FileInfo) => Promise<T>,
): Promise<T> {
  if (mediaType(req) !== 'multipart/form-data') return Promise.reject(new UnsupportedMediaTypeError('multipart/form-data'));
  return new Promise<T>((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      // One byte over the limit reaches the consumer, whose own size check then refuses the file.
      bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: limits.maxBytes + 1, fields: 10 } });
    } catch {
      reject(new ValidationError('Malformed multipart body'));
      return;
    }
    let result: Promise<T> | undefined;
    let refused: Error | undefined;
    bb.on('file', (_field, stream, info) => {
      const mimeType = info.mimeType.toLowerCase();
      if (result || refused || !limits.allowedTypes.includes(mimeType)) {
        refused ??= result ? undefined : new UnsupportedMediaTypeError(limits.allowedTypes.join(', '), `This kind of file (${mimeType}) is not accepted: upload ${humanTypes(limits.allowedTypes)}`);
        stream.resume();
        return;
      }
      result = consume(stream, { fileName: safeFileName(info.filename ?? 'file'), mimeType });
      // Settled at 'close'; catching here keeps an early failure from counting as unhandled.
      result.catch(() => undefined);
    });
    bb.on('error', () => reject(new ValidationError('Malformed multipart body')));
    bb.on('close', () => {
      if (refused) reject(refused);
      else if (!result) reject(new ValidationError('No file in the upload (send one file part)'));
      else result.then(resolve, reject);
    });
    req.pipe(bb);
  });
}
