/**
 * A report table: what CSV, the HTML fallback of a chart and the portal's tables are made from.
 * Cells hold plain values; `display` holds what is shown where that differs ("<5", "66 (54)").
 */
export type CellValue = string | number | null;

export interface ReportColumn {
  key: string;
  label: string;
  /** Numbers are right-aligned and left unquoted in CSV. */
  numeric?: boolean;
}

export interface ReportTable {
  id: string;
  title: string;
  /** A sentence saying what the figures are and where the definitions come from. */
  caption?: string;
  columns: ReportColumn[];
  rows: Array<Record<string, CellValue>>;
  /** A totals row, shown last and marked as such. */
  totals?: Record<string, CellValue>;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The table as accessible HTML (GOV.UK table classes, a caption, header cells with scope, the
 * first column as row headers): the same figures a chart shows, for people who would rather read.
 */
export function renderTableHtml(table: ReportTable): string {
  const head = table.columns
    .map(
      (c) =>
        `<th scope="col" class="govuk-table__header${c.numeric ? " govuk-table__header--numeric" : ""}">${escapeHtml(c.label)}</th>`,
    )
    .join("");
  const row = (cells: Record<string, CellValue>, total: boolean) =>
    `<tr class="govuk-table__row">${table.columns
      .map((c, i) => {
        const value = cells[c.key];
        const text = escapeHtml(value === null || value === undefined ? "" : String(value));
        const numeric = c.numeric ? " govuk-table__cell--numeric" : "";
        if (i === 0)
          return `<th scope="row" class="govuk-table__header">${total ? `<strong>${text}</strong>` : text}</th>`;
        return `<td class="govuk-table__cell${numeric}">${total ? `<strong>${text}</strong>` : text}</td>`;
      })
      .join("")}</tr>`;
  const body = table.rows.map((r) => row(r, false)).join("");
  const foot = table.totals
    ? `<tfoot class="govuk-table__head">${row(table.totals, true)}</tfoot>`
    : "";
  return (
    `<table class="govuk-table" id="${escapeHtml(table.id)}">` +
    `<caption class="govuk-table__caption govuk-table__caption--m">${escapeHtml(table.title)}` +
    (table.caption
      ? `<span class="govuk-body-s govuk-!-display-block">${escapeHtml(table.caption)}</span>`
      : "") +
    `</caption><thead class="govuk-table__head"><tr class="govuk-table__row">${head}</tr></thead>` +
    `<tbody class="govuk-table__body">${body}</tbody>${foot}</table>`
  );
}
