import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderPdfDocument } from '../../../lib/pdf';
import type { Block, ListItem } from './layout';

/**
 * PDF rendering of contract documents with pdfmake and an embedded font (real, extractable and
 * searchable text; not images).
 */

function listItem(i: ListItem, strike: boolean): Content {
  if (typeof i === 'string') return { text: i, decoration: strike ? 'lineThrough' : undefined };
  return { stack: [i.text, { ul: i.children, style: 'sublist' }] };
}

function blockContent(b: Block): Content {
  switch (b.kind) {
    case 'title':
      return { text: b.text, style: 'title' };
    case 'heading':
      return { text: b.text, style: `h${b.level}` };
    case 'para':
      return {
        text: b.text,
        bold: b.bold,
        italics: b.italic,
        alignment: b.center ? 'center' : 'justify',
        decoration: b.strike ? 'lineThrough' : undefined,
        margin: [0, 2, 0, 4],
      };
    case 'list':
      return {
        ul: b.items.map((i, n) => listItem(i, b.strikeFrom !== undefined && n >= b.strikeFrom)),
        margin: [0, 0, 0, 6],
      };
    case 'table': {
      const widths = b.widths ? b.widths.map((w) => `${w}%`) : b.headers.map(() => '*');
      return {
        table: {
          headerRows: 1,
          dontBreakRows: false,
          widths,
          body: [b.headers.map((h) => ({ text: h, style: 'th' })), ...b.rows.map((r) => r.map((c) => ({ text: c })))],
        },
        fontSize: b.small ? 7 : 9,
        margin: [0, 4, 0, 8],
      };
    }
    case 'signatures':
      return {
        columns: [
          { stack: b.left, alignment: 'center' },
          { stack: b.right, alignment: 'center' },
        ],
        margin: [0, 16, 0, 16],
      };
    case 'pageBreak':
      return { text: '', pageBreak: 'after' };
  }
}

/** Renders the blocks as an A4 PDF (landscape pages are not needed: tables use small type). */
export async function renderPdf(blocks: Block[], meta: { title: string; subject: string }): Promise<Buffer> {
  const doc: TDocumentDefinitions = {
    info: { title: meta.title, subject: meta.subject, creator: 'Mutualis' },
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
    footer: (page: number, pages: number) => ({
      text: `${meta.title} — ${page} / ${pages}`,
      alignment: 'center',
      fontSize: 8,
      color: '#555',
    }),
    styles: {
      title: { fontSize: 16, bold: true, alignment: 'center', margin: [0, 0, 0, 10] },
      h1: { fontSize: 14, bold: true, margin: [0, 10, 0, 6] },
      h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 3] },
      th: { bold: true, fillColor: '#e8eef6' },
      sublist: { margin: [0, 0, 0, 0] },
    },
    // pdfmake rewrites the definition in place; give it a copy so the (cached) annex content stays intact.
    content: structuredClone(blocks.map(blockContent)),
  };
  return renderPdfDocument(doc);
}
