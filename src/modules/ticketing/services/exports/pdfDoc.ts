// pdfkit set-up shared by the reports: DejaVu fonts when installed (else Helvetica), page footers, simple tables.
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';

export const FONT_DIR = '/usr/share/fonts/truetype/dejavu';

export interface Pdf {
  doc: PDFKit.PDFDocument;
  /** Text as the chosen font can show it (Helvetica knows only Latin-1). */
  t: (s: string | null | undefined) => string;
  body: string;
  bold: string;
}

/** Pure: replaces characters outside Latin-1 with close ASCII stand-ins. */
export function toLatin1(s: string): string {
  return s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\u2192/g, '->')
    .replace(/[\u202F\u2009]/g, ' ')
    .replace(/[^\n\r\t\u0020-\u00FF]/g, '?');
}

export function createPdf(o: { title: string; author: string; landscape?: boolean; fontDir?: string; footer: string }): Pdf {
  const doc = new PDFDocument({ size: 'A4', layout: o.landscape ? 'landscape' : 'portrait', margin: 36, info: { Title: o.title, Author: o.author } });
  const dir = o.fontDir ?? FONT_DIR;
  const dejavu = existsSync(`${dir}/DejaVuSans.ttf`) && existsSync(`${dir}/DejaVuSans-Bold.ttf`);
  if (dejavu) {
    doc.registerFont('Body', `${dir}/DejaVuSans.ttf`);
    doc.registerFont('Bold', `${dir}/DejaVuSans-Bold.ttf`);
  }
  const pdf: Pdf = { doc, t: (s) => (dejavu ? (s ?? '') : toLatin1(s ?? '')), body: dejavu ? 'Body' : 'Helvetica', bold: dejavu ? 'Bold' : 'Helvetica-Bold' };
  let page = 0;
  const footer = () => {
    page += 1;
    // Writing below the bottom margin would start a new page: lift the margin while the footer is drawn.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(pdf.body).fontSize(8).fillColor('#64748b')
      .text(pdf.t(`${o.footer} · page ${page}`), doc.page.margins.left, doc.page.height - 24, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.x = doc.page.margins.left;
    doc.y = doc.page.margins.top;
    doc.fillColor('#0f172a');
  };
  footer();
  doc.on('pageAdded', footer);
  return pdf;
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

const PAD = 3;

function rowHeight(pdf: Pdf, cols: Column[], cells: string[], font: string, size: number): number {
  pdf.doc.font(font).fontSize(size);
  return Math.max(...cols.map((c, i) => pdf.doc.heightOfString(pdf.t(cells[i]), { width: c.width - 2 * PAD }))) + 2 * PAD;
}

function drawRow(pdf: Pdf, cols: Column[], cells: string[], o: { font: string; size: number; fill?: string; color?: string }): void {
  const { doc } = pdf;
  const h = rowHeight(pdf, cols, cells, o.font, o.size);
  const left = doc.page.margins.left;
  const y = doc.y;
  const width = cols.reduce((a, c) => a + c.width, 0);
  if (o.fill) doc.save().rect(left, y, width, h).fill(o.fill).restore();
  let x = left;
  doc.font(o.font).fontSize(o.size).fillColor(o.color ?? '#0f172a');
  cols.forEach((c, i) => {
    doc.text(pdf.t(cells[i]), x + PAD, y + PAD, { width: c.width - 2 * PAD, align: c.align ?? 'left' });
    x += c.width;
  });
  doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.5).strokeColor('#e2e8f0').stroke();
  doc.x = left;
  doc.y = y + h;
}

/** A table whose header repeats on every page it spills onto; rows are written as they come. */
export function tableWriter(pdf: Pdf, cols: Column[], size = 8) {
  const header = () => drawRow(pdf, cols, cols.map((c) => c.header), { font: pdf.bold, size, fill: '#e2e8f0' });
  header();
  let n = 0;
  return (cells: string[]) => {
    const { doc } = pdf;
    const h = rowHeight(pdf, cols, cells, pdf.body, size);
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      header();
    }
    drawRow(pdf, cols, cells, { font: pdf.body, size, fill: n % 2 ? '#f8fafc' : undefined });
    n += 1;
  };
}

/** A bold heading with a little space around it, on a new page when too close to the bottom. */
export function heading(pdf: Pdf, text: string, size = 12): void {
  const { doc } = pdf;
  if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(0.6).font(pdf.bold).fontSize(size).fillColor('#0b2f52').text(pdf.t(text), doc.page.margins.left).moveDown(0.3).fillColor('#0f172a');
}
