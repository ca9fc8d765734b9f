/**
 * HTTP range requests (RFC 9110 §14) for one representation of `size` bytes, as pure
 * functions. We serve a single range: `bytes=a-b`, `bytes=a-` and `bytes=-n`. A request
 * for several ranges, another unit or a malformed header is answered with the whole file
 * (§14.2 lets a server ignore Range), never with an error; only a well-formed range that
 * starts past the end is 416.
 */
export type RangeDecision = { kind: "full" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

const SINGLE_RANGE = /^bytes=[ \t]*(\d*)-(\d*)[ \t]*$/i;

/** Digits only, and small enough to be exact; anything longer is no offset we could hold. */
function offset(digits: string): number | null {
  if (digits === "" || digits.length > 15) return null;
  return Number(digits);
}

export function parseRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return { kind: "full" };
  const match = SINGLE_RANGE.exec(header);
  if (!match) return { kind: "full" };
  const [, first = "", last = ""] = match;
  if (first === "") {
    // Suffix: the last n bytes (all of them when n ≥ size). "-0" asks for nothing.
    const suffix = offset(last);
    if (suffix === null) return { kind: "full" };
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = offset(first);
  if (start === null) return { kind: "full" };
  // "a-": from a to the end.
  const end = last === "" ? Number.POSITIVE_INFINITY : offset(last);
  if (end === null) return { kind: "full" };
  if (end < start) return { kind: "full" }; // invalid per §14.1.1: ignored
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end: Math.min(end, size - 1) };
}

/**
 * If-Range (§13.1.5): the range applies only while the client's copy is still this one.
 * We validate by entity tag (strong comparison); a date, a weak tag or another tag means
 * "send me the whole new file".
 */
export function rangeApplies(ifRange: string | undefined, etag: string): boolean {
  if (ifRange === undefined) return true;
  return ifRange.trim() === etag;
}

/** If-None-Match (§13.1.2): a list of tags or "*"; weak comparison, as the RFC asks for GET. */
export function matchesNoneMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const value = ifNoneMatch.trim();
  if (value === "*") return true;
  const opaque = etag.replace(/^W\//, "");
  return value.split(",").some((tag) => tag.trim().replace(/^W\//, "") === opaque);
}

/**
 * Content-Disposition for a download (RFC 6266): an ASCII `filename` every client
 * understands, and for names with other characters the exact name as RFC 5987/8187
 * `filename*=UTF-8''…`, which current browsers prefer.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = [...fileName]
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return code < 0x20 || code > 0x7e || ch === '"' || ch === "\\" || ch === "/" ? "_" : ch;
    })
    .join("");
  const plain = `attachment; filename="${fallback}"`;
  if (fallback === fileName) return plain;
  return `${plain}; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** Percent-encodes everything outside RFC 5987's attr-char. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}
