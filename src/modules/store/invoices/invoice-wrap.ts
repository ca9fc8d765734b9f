/**
 * Longest text printed from one value, in lines: a safeguard (order lines, names and
 * addresses are short), so a runaway value cannot make an invoice of a thousand pages.
 */
const MAX_LINES = 12;

/**
 * Splits printable text into lines no wider than maxWidth, at spaces, and inside a word
 * longer than a line (Chinese and Japanese have no spaces: a line breaks between any two
 * characters). Widths are summed per character, so a long value costs linear time. Past
 * MAX_LINES the text is cut, and the last line ends with "…".
 */
export function wrap(text: string, width: (s: string) => number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = "";
  let used = 0;
  const space = width(" ");
  const flush = () => {
    lines.push(current);
    current = "";
    used = 0;
  };
  for (const word of text.split(" ")) {
    if (word === "") continue;
    if (lines.length > MAX_LINES) break;
    const chars = [...word];
    const widths = chars.map(width);
    const total = widths.reduce((a, b) => a + b, 0);
    if (current && used + space + total <= maxWidth) {
      current += ` ${word}`;
      used += space + total;
      continue;
    }
    if (current) flush();
    for (const [i, char] of chars.entries()) {
      const w = widths[i] ?? 0;
      if (current && used + w > maxWidth) flush();
      if (lines.length > MAX_LINES) break;
      current += char;
      used += w;
    }
  }
  if (current) flush();
  if (lines.length <= MAX_LINES) return lines.length > 0 ? lines : [""];
  const kept = lines.slice(0, MAX_LINES);
  let last = [...(kept[MAX_LINES - 1] ?? "")];
  while (last.length > 0 && width(`${last.join("")}…`) > maxWidth) last = last.slice(0, -1);
  kept[MAX_LINES - 1] = `${last.join("")}…`;
  return kept;
}
