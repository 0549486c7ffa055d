// Keeps a chart's hidden data table in step with its rows by changing only the texts (and rows or cells) that differ:
// a new result changes most numbers but not the table's shape. DOM only; what the rows say comes from readout.ts.
import type { TableModel } from './readout';

function setText(cell: HTMLTableCellElement, text: string): void {
  if (cell.textContent !== text) cell.textContent = text;
}

/** Makes `tbody` hold `rows`: a row header then one cell per value in each row, rows and cells added or removed as needed. */
export function syncTableBody(tbody: HTMLTableSectionElement, rows: TableModel['rows']): void {
  const doc = tbody.ownerDocument;
  while (tbody.rows.length > rows.length) tbody.deleteRow(-1);
  rows.forEach((row, i) => {
    let tr = tbody.rows[i];
    if (!tr) {
      tr = tbody.insertRow();
      const th = doc.createElement('th');
      th.scope = 'row';
      tr.appendChild(th);
    }
    const cells = tr.cells;
    while (cells.length > row.cells.length + 1) tr.deleteCell(-1);
    while (cells.length < row.cells.length + 1) tr.insertCell();
    setText(cells[0]!, row.label);
    row.cells.forEach((text, k) => setText(cells[k + 1]!, text));
  });
}
