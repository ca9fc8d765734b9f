/**
 * CSV for spreadsheet users, built in the browser from the selected rows. The same
 * rules as the server's CSV (src/server/csv.ts): RFC 4180 quoting, CRLF line ends, a
 * UTF-8 BOM so Excel reads non-ASCII names correctly, and cells that start with
 * = + - @ (or a tab/CR) prefixed with a quote, so a crafted farm name or note cannot
 * run as a formula when the file is opened (CWE-1236).
 */
export type CsvValue = string | number | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export const CSV_BOM = "\uFEFF";

export type CsvColumn<T> = { header: string; value: (row: T) => CsvValue };

/** The whole file: BOM, a header line, then one line per row. */
export function buildCsv<T>(rows: readonly T[], columns: ReadonlyArray<CsvColumn<T>>): string {
  const header = csvLine(columns.map((column) => column.header));
  return CSV_BOM + header + rows.map((row) => csvLine(columns.map((column) => column.value(row)))).join("");
}

/** A file name for today's date, e.g. "farms-2026-11-26.csv" (UTC date, ASCII only). */
export function csvFileName(prefix: string, now: Date = new Date()): string {
  return `${prefix}-${now.toISOString().slice(0, 10)}.csv`;
}

/** Hands the text to the browser as a download (no server round trip). */
export function downloadCsv(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
