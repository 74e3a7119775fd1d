// The rules a mail's attachment must pass to be kept: an upload's size, types and sniffing, with generic types
// resolved from the file name.
import { describe, expect, it } from 'vitest';
import { effectiveMailType, judgeMailFile } from '@/src/modules/ticketing/services/email/mailFilePolicy';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(8)]);
const ALLOWED = ['image/png', 'application/pdf', 'text/plain'];

describe('effectiveMailType', () => {
  it('keeps a specific declared type, lower-cased and without parameters', () => {
    expect(effectiveMailType('x.bin', 'Image/PNG; name="x"')).toBe('image/png');
  });
  it('reads a generic type from the extension, and stays generic for an unknown one', () => {
    expect(effectiveMailType('Photo.JPG', 'application/octet-stream')).toBe('image/jpeg');
    expect(effectiveMailType('log.txt', '')).toBe('text/plain');
    expect(effectiveMailType('data.bin', 'application/octet-stream')).toBe('application/octet-stream');
    expect(effectiveMailType('noext', '')).toBe('application/octet-stream');
  });
});

describe('judgeMailFile', () => {
  it('keeps an allowed file whose bytes match its type', () => {
    expect(judgeMailFile({ fileName: 'a.png', mimeType: 'application/octet-stream', content: PNG }, ALLOWED, 1000)).toEqual({ keep: true, mimeType: 'image/png' });
  });
  it('refuses, in words, a file too large, of a type not allowed, or lying about its type', () => {
    expect(judgeMailFile({ fileName: 'a.png', mimeType: 'image/png', content: PNG }, ALLOWED, 4)).toEqual({ keep: false, reason: 'a.png (16 bytes, over the 4-byte limit)' });
    expect(judgeMailFile({ fileName: 'a.exe', mimeType: 'application/x-msdownload', content: Buffer.from('MZ') }, ALLOWED, 1000)).toEqual({ keep: false, reason: 'a.exe (type application/x-msdownload is not allowed)' });
    expect(judgeMailFile({ fileName: 'a.pdf', mimeType: 'application/pdf', content: Buffer.from('hello') }, ALLOWED, 1000)).toEqual({ keep: false, reason: 'a.pdf (its content is not really application/pdf)' });
  });
});
