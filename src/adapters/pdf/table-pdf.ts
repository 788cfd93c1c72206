import PDFDocument from 'pdfkit';

/** A titled table, as the PDF writer takes it. */
export interface PdfTable {
  readonly title: string;
  readonly subtitle: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

const margin = 40;
const rowHeight = 16;
const fontSize = 9;

/**
 * A landscape A4 PDF of one table, columns of equal width, the header
 * repeated on each page; long cells are cut to their column. pdfkit's
 * built-in Helvetica needs no font files on the server.
 */
export function tablePdf(table: PdfTable): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin,
    info: { Title: table.title },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(16).text(table.title).fontSize(fontSize).text(table.subtitle).moveDown();
  const width = doc.page.width - 2 * margin;
  const columnWidth = width / Math.max(1, table.columns.length);
  const writeRow = (cells: readonly (string | number)[], bold: boolean) => {
    if (doc.y + rowHeight > doc.page.height - margin) {
      doc.addPage();
      if (!bold) writeRow(table.columns, true);
    }
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    cells.forEach((cell, index) => {
      doc.text(String(cell), margin + index * columnWidth, y, {
        width: columnWidth - 4,
        height: rowHeight,
        ellipsis: true,
        lineBreak: false,
      });
    });
    doc.x = margin;
    doc.y = y + rowHeight;
  };
  writeRow(table.columns, true);
  for (const row of table.rows) writeRow(row, false);
  doc.end();
  return done;
}
