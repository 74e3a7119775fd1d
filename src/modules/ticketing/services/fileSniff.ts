// Pure check that a file's first bytes agree with the type it claims (so a renamed executable is not an "image").
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (b) => b[0] === 0x50 && b[1] === 0x4b,
  'audio/ogg': (b) => b.subarray(0, 4).toString('latin1') === 'OggS',
  'audio/mpeg': (b) => b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0),
  'audio/mp4': (b) => b.subarray(4, 8).toString('latin1') === 'ftyp',
  'video/mp4': (b) => b.subarray(4, 8).toString('latin1') === 'ftyp',
};

/** True when the bytes match the declared type; types without a signature (text) pass when they hold no NUL byte. */
export function contentMatchesType(head: Buffer, mimeType: string): boolean {
  const check = SIGNATURES[mimeType];
  if (check) return head.length > 0 && check(head);
  return !head.includes(0);
}
