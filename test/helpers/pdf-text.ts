import { inflateSync } from "node:zlib";

/**
 * The text of a PDF, as a reader would extract it: every content stream is found,
 * inflated when it is FlateDecode'd, and its text-showing operators (Tj, TJ, ', ")
 * decoded from WinAnsi (the standard fonts' encoding). One shown string per line.
 * Enough for the PDFs the portal makes (standard fonts, no embedded CMaps); it checks
 * that the text is really in the file, not drawn as an image.
 */
export function pdfText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString("latin1");
  if (!raw.startsWith("%PDF-")) throw new Error("not a PDF");
  const shown: string[] = [];
  const streamStart = /stream\r?\n/g;
  for (let match = streamStart.exec(raw); match; match = streamStart.exec(raw)) {
    const begin = match.index + match[0].length;
    const end = raw.indexOf("endstream", begin);
    if (end < 0) break;
    const dictionary = raw.slice(raw.lastIndexOf("<<", match.index), match.index);
    let body = Buffer.from(raw.slice(begin, end).replace(/\r?\n$/, ""), "latin1");
    if (/\/FlateDecode/.test(dictionary)) {
      try {
        body = inflateSync(body);
      } catch {
        continue; // an image or font program we cannot read: not text
      }
    }
    shown.push(...textOperators(body.toString("latin1")));
    streamStart.lastIndex = end;
  }
  return shown.join("\n");
}

/** The strings shown by one content stream, in order. */
function textOperators(content: string): string[] {
  const out: string[] = [];
  // A string operand: <hex> or (literal with \escapes), or a TJ array of them.
  const operand = /<([0-9A-Fa-f\s]*)>\s*(Tj|'|")|\(((?:\\.|[^\\)])*)\)\s*(Tj|'|")|\[((?:[^\]])*)\]\s*TJ/g;
  for (let m = operand.exec(content); m; m = operand.exec(content)) {
    if (m[1] !== undefined) out.push(decodeHex(m[1]));
    else if (m[3] !== undefined) out.push(decodeLiteral(m[3]));
    else if (m[5] !== undefined) {
      const parts = [...m[5].matchAll(/<([0-9A-Fa-f\s]*)>|\(((?:\\.|[^\\)])*)\)/g)];
      out.push(parts.map((p) => (p[1] !== undefined ? decodeHex(p[1]) : decodeLiteral(p[2] ?? ""))).join(""));
    }
  }
  return out;
}

function decodeHex(hex: string): string {
  const clean = hex.replace(/\s/g, "");
  let text = "";
  for (let i = 0; i < clean.length; i += 2) text += winAnsi(Number.parseInt(clean.slice(i, i + 2).padEnd(2, "0"), 16));
  return text;
}

function decodeLiteral(literal: string): string {
  let text = "";
  for (let i = 0; i < literal.length; i++) {
    const c = literal[i] ?? "";
    if (c !== "\\") {
      text += winAnsi(c.charCodeAt(0));
      continue;
    }
    const next = literal[++i] ?? "";
    const octal = /^[0-7]{1,3}/.exec(literal.slice(i));
    if (octal) {
      text += winAnsi(Number.parseInt(octal[0], 8));
      i += octal[0].length - 1;
    } else {
      text += { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" }[next] ?? next;
    }
  }
  return text;
}

/** WinAnsiEncoding: Latin-1, except 0x80–0x9F which hold €, •, dashes, quotes and a few letters. */
const WIN_ANSI_HIGH: Record<number, string> = {
  128: "€",
  130: "‚",
  131: "ƒ",
  132: "„",
  133: "…",
  134: "†",
  135: "‡",
  136: "ˆ",
  137: "‰",
  138: "Š",
  139: "‹",
  140: "Œ",
  142: "Ž",
  145: "‘",
  146: "’",
  147: "“",
  148: "”",
  149: "•",
  150: "–",
  151: "—",
  152: "˜",
  153: "™",
  154: "š",
  155: "›",
  156: "œ",
  158: "ž",
  159: "Ÿ",
};

const winAnsi = (code: number) => WIN_ANSI_HIGH[code] ?? String.fromCharCode(code);
