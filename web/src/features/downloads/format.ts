import type { DownloadVersion } from "./api.ts";

const UNITS = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"] as const;

/**
 * A file size in the UI language with decimal units, as Intl names them ("1.5 MB" is
 * 1,500,000 bytes): at most three significant digits, never "1000 KB".
 */
export function formatBytes(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (unit < UNITS.length - 1 && Math.round(value * 10) / 10 >= 1000) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? "long" : "short",
    maximumFractionDigits: unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2,
  }).format(value);
}

/** One row per file, versions newest first as the server sent them. */
export type ReleaseRow = DownloadVersion["releases"][number] & { version: string };

export function releaseRows(versions: DownloadVersion[]): ReleaseRow[] {
  return versions.flatMap((v) => v.releases.map((r) => ({ ...r, version: v.version })));
}

/** The SHA-256 in groups of eight, so people can compare it by eye. */
export function groupedChecksum(sha256: string): string {
  return sha256.match(/.{1,8}/g)?.join(" ") ?? sha256;
}
