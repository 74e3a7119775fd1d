// A streaming RFC 4180 CSV parser: quoted fields, doubled quotes, CR/LF/CRLF, a UTF-8 BOM, ',' or ';' separators.
export class CsvParser {
  private field = '';
  private row: string[] = [];
  private quoted = false;
  private afterQuote = false;
  private pendingCr = false;
  private started = false;
  private sep: string | null;

  constructor(separator: ',' | ';' | null = null) {
    this.sep = separator;
  }

  /** The separator: given, or the more frequent of ',' and ';' outside quotes in the first chunk. */
  private detect(text: string): string {
    let commas = 0;
    let semis = 0;
    let inQ = false;
    for (const ch of text.split(/\r?\n/)[0]) {
      if (ch === '"') inQ = !inQ;
      else if (!inQ && ch === ',') commas++;
      else if (!inQ && ch === ';') semis++;
    }
    return semis > commas ? ';' : ',';
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
    this.afterQuote = false;
  }

  private endRow(out: string[][]): void {
    this.endField();
    out.push(this.row);
    this.row = [];
  }

  /** Feeds text; returns the rows it completed. */
  push(chunk: string): string[][] {
    let text = chunk;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.sep ??= this.detect(text);
    }
    const out: string[][] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (this.pendingCr) {
        this.pendingCr = false;
        if (ch === '\n') continue;
      }
      if (this.quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            this.field += '"';
            i++;
          } else {
            // Closing; a quote at a chunk's end whose twin starts the next chunk reopens below, as a doubled quote.
            this.quoted = false;
            this.afterQuote = true;
          }
        } else this.field += ch;
      } else if (ch === '"') {
        if (this.afterQuote) this.field += '"';
        this.quoted = true;
      } else if (ch === this.sep) this.endField();
      else if (ch === '\n' || ch === '\r') {
        this.endRow(out);
        if (ch === '\r') this.pendingCr = true;
      } else this.field += ch;
    }
    return out;
  }

  /** Flushes the last row when the text did not end with a newline. */
  end(): string[][] {
    if (this.field === '' && this.row.length === 0 && !this.afterQuote) return [];
    const out: string[][] = [];
    this.endRow(out);
    return out;
  }
}
