/**
 * CSV for spreadsheet users: RFC 4180 quoting, a UTF-8 BOM so Excel reads non-ASCII
 * names correctly, and cells that start with = + - @ (or a tab/CR) prefixed with a
 * quote, so a crafted name cannot run as a formula when the file is opened (CWE-1236).
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: ReadonlyArray<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export const CSV_BOM = "\uFEFF";

/** A Content-Disposition that is safe whatever the name contains. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\w.-]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
