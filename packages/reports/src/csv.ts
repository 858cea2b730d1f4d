import type { CellValue, ReportTable } from "./table.js";

/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line break.
 * Text that a spreadsheet would run as a formula (starting =, +, -, @, tab or CR) is prefixed
 * with an apostrophe (OWASP CSV injection); numbers are written as numbers.
 */
export function csvField(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function tableLines(table: ReportTable): string[] {
  const lines = [table.columns.map((c) => csvField(c.label)).join(",")];
  for (const row of table.rows)
    lines.push(table.columns.map((c) => csvField(row[c.key])).join(","));
  if (table.totals) lines.push(table.columns.map((c) => csvField(table.totals![c.key])).join(","));
  return lines;
}

/**
 * One table as CSV; several as sections, each introduced by its title on a line of its own and
 * separated by a blank line (one download for a whole report).
 */
export function tablesToCsv(tables: ReportTable | readonly ReportTable[]): string {
  const list = Array.isArray(tables) ? (tables as readonly ReportTable[]) : [tables as ReportTable];
  if (list.length === 1) return tableLines(list[0]!).join("\r\n") + "\r\n";
  return (
    list.map((t) => [csvField(t.title), ...tableLines(t)].join("\r\n")).join("\r\n\r\n") + "\r\n"
  );
}
