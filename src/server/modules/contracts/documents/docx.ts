import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, ListItem } from './layout';

/** Editable office document (DOCX) of contract documents: communes amend in Word or LibreOffice. */

const border = { style: BorderStyle.SINGLE, size: 4, color: '888888' };
const borders = { top: border, bottom: border, left: border, right: border };

function runs(text: string, o: { bold?: boolean; italics?: boolean; strike?: boolean; size?: number } = {}): TextRun[] {
  return text.split('\n').map(
    (line, i) =>
      new TextRun({
        text: line,
        bold: o.bold,
        italics: o.italics,
        strike: o.strike,
        size: o.size,
        break: i > 0 ? 1 : undefined,
      }),
  );
}

function bullet(text: string, level: number, strike = false): Paragraph {
  return new Paragraph({ children: runs(text, { strike }), numbering: { reference: 'bullets', level } });
}

function listParagraphs(items: ListItem[], strikeFrom?: number): Paragraph[] {
  return items.flatMap((i, n) => {
    const strike = strikeFrom !== undefined && n >= strikeFrom;
    if (typeof i === 'string') return [bullet(i, 0, strike)];
    return [bullet(i.text, 0, strike), ...i.children.map((c) => bullet(c, 1, strike))];
  });
}

function cell(text: string, header: boolean, size: number, width?: number): TableCell {
  return new TableCell({
    borders,
    width: width ? { size: width, type: WidthType.PERCENTAGE } : undefined,
    shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EEF6' } : undefined,
    children: [new Paragraph({ children: runs(text, { bold: header, size }) })],
  });
}

function blockChildren(b: Block): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'title':
      return [new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: runs(b.text) })];
    case 'heading':
      return [
        new Paragraph({
          heading:
            b.level === 1 ? HeadingLevel.HEADING_1 : b.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
          children: runs(b.text),
        }),
      ];
    case 'para':
      return [
        new Paragraph({
          alignment: b.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
          children: runs(b.text, { bold: b.bold, italics: b.italic, strike: b.strike }),
          spacing: { after: 80 },
        }),
      ];
    case 'list':
      return listParagraphs(b.items, b.strikeFrom);
    case 'table': {
      const size = b.small ? 14 : 18;
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: b.headers.map((h, i) => cell(h, true, size, b.widths?.[i])) }),
            ...b.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, size, b.widths?.[i])) })),
          ],
        }),
        new Paragraph({ children: [] }),
      ];
    }
    case 'signatures': {
      const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
      const noBorders = { top: none, bottom: none, left: none, right: none };
      const col = (lines: string[]) =>
        new TableCell({
          borders: noBorders,
          width: { size: 50, type: WidthType.PERCENTAGE },
          children: lines.map((l) => new Paragraph({ alignment: AlignmentType.CENTER, children: runs(l) })),
        });
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [new TableRow({ children: [col(b.left), col(b.right)] })],
        }),
      ];
    }
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

/** Renders the blocks as a DOCX file. */
export async function renderDocx(blocks: Block[], meta: { title: string; subject: string }): Promise<Buffer> {
  const doc = new Document({
    title: meta.title,
    subject: meta.subject,
    creator: 'Mutualis',
    styles: { default: { document: { run: { font: 'Arial', size: 20 } } } },
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 360, hanging: 260 } } },
            },
            {
              level: 1,
              format: LevelFormat.BULLET,
              text: '○',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 720, hanging: 260 } } },
            },
          ],
        },
      ],
    },
    sections: [{ children: blocks.flatMap(blockChildren) }],
  });
  return Packer.toBuffer(doc);
}
