// Pure uudecoding: an x-uuencode part, or "begin 644 name ... end" blocks pasted into a plain-text body.

export interface UuFile {
  name: string;
  data: Buffer;
}

function decodeLine(line: string): Buffer {
  const n = (line.charCodeAt(0) - 32) & 63;
  const out = Buffer.alloc(n);
  let o = 0;
  for (let i = 1; o < n; i += 4) {
    const c = [0, 1, 2, 3].map((k) => ((line.charCodeAt(i + k) || 32) - 32) & 63);
    const bytes = [(c[0] << 2) | (c[1] >> 4), ((c[1] & 15) << 4) | (c[2] >> 2), ((c[2] & 3) << 6) | c[3]];
    for (const b of bytes) if (o < n) out[o++] = b & 255;
  }
  return out;
}

/** Decodes the first begin/end block in text; null when there is none. */
export function uuDecode(text: string): UuFile | null {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^begin [0-7]{3,4} \S/.test(l));
  if (start < 0) return null;
  const name = lines[start].replace(/^begin [0-7]{3,4} /, '').trim();
  const chunks: Buffer[] = [];
  for (let i = start + 1; i < lines.length && lines[i] !== 'end'; i++) {
    if (lines[i] === '`' || lines[i] === '') continue;
    chunks.push(decodeLine(lines[i]));
  }
  return { name, data: Buffer.concat(chunks) };
}

/** Takes every uuencoded block out of a text body: the text without them, and the files they held. */
export function extractUuBlocks(text: string): { text: string; files: UuFile[] } {
  const files: UuFile[] = [];
  const rest = text.replace(/^begin [0-7]{3,4} [^\r\n]+\r?\n[\s\S]*?^end[ \t]*$/gm, (block) => {
    const f = uuDecode(block);
    if (f) files.push(f);
    return '';
  });
  return { text: files.length ? rest.replace(/\n{3,}/g, '\n\n').trim() : text, files };
}
