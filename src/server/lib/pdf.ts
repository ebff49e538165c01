import { createRequire } from 'node:module';
import path from 'node:path';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * pdfmake on the server, set up in one place for every PDF the application renders (contract
 * documents, indicator dashboards): the Roboto font shipped with pdfmake embedded (real,
 * extractable and searchable text), no URL fetched, and no local file read outside the fonts.
 */
const require = createRequire(import.meta.url);
// pdfmake's server build is a CommonJS singleton.
const pdfmake = require('pdfmake') as {
  setFonts(f: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
};
const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const fonts = {
  Roboto: {
    normal: path.join(fontDir, 'Roboto-Regular.ttf'),
    bold: path.join(fontDir, 'Roboto-Medium.ttf'),
    italics: path.join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
};

/** Renders a pdfmake document (font 'Roboto') to a PDF buffer. */
export async function renderPdfDocument(doc: TDocumentDefinitions): Promise<Buffer> {
  pdfmake.setFonts(fonts);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => path.resolve(p).startsWith(fontDir));
  return pdfmake.createPdf(doc).getBuffer();
}
