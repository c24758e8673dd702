import type { ReactNode } from 'react';
import table from './table.module.css';

export interface Column<Row> {
  header: string;
  cell(row: Row): ReactNode;
  /** The class of the column's cells; not the first column's, whose cells head the rows (in bold). */
  className?: string;
  /** A header read out but not shown (a column of buttons). */
  hideHeader?: boolean;
}

interface DataTableProps<Row> {
  /** Read out, not shown: what the table lists. */
  caption: string;
  /** The first one heads each row: the record's name, a link to it. */
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey(row: Row): string;
}

/** Records as rows of a table framed as a card, each row headed by its first cell. */
export function DataTable<Row>({ caption, columns, rows, rowKey }: DataTableProps<Row>) {
  const [head, ...rest] = columns;
  return (
    <div className={table.card}>
      <table className={table.table}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.hideHeader ? <span className="visually-hidden">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              <th scope="row" className={table.name}>
                {head.cell(row)}
              </th>
              {rest.map((column) => (
                <td key={column.header} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
