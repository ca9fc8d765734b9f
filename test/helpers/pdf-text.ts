import { inflateSync } from "node:zlib";

/**
 * The text of a PDF, as a reader would extract it: the pages' content streams are read in
 * page order, and the strings their text operators (Tj, TJ, ', ") show are decoded with the
 * font in use: WinAnsi for the standard fonts, the font's ToUnicode CMap for an embedded
 * (Type0) font, whose strings hold glyph ids, not characters. A line drawn in several fonts
 * is one text object (BT … ET) moving along one baseline: it comes out as one line. Enough
 * for the PDFs the portal makes (pdf-lib's output, object streams included); it checks that
 * the text is really in the file, not drawn as an image.
 */
export function pdfText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString("latin1");
  if (!raw.startsWith("%PDF-")) throw new Error("not a PDF");
  const objects = readObjects(raw);
  const fonts = fontDecoders(objects);
  const lines: string[] = [];
  for (const content of pageContents(objects)) lines.push(...textLines(content, fonts));
  return lines.join("\n");
}

/**
 * The fonts a PDF carries, by base name: "Helvetica" for a standard font, the font's own
 * name (with pdf-lib's suffix) for an embedded one. Tells which fonts an invoice needed.
 */
export function pdfFontNames(bytes: Uint8Array): string[] {
  const objects = readObjects(Buffer.from(bytes).toString("latin1"));
  const names = [...objects.values()]
    // A Type0 font's descendant (CIDFontType0/2) is the same font: named once.
    .filter((o) => /\/Type\s*\/Font\b/.test(o.dict) && !/\/Subtype\s*\/CIDFontType/.test(o.dict))
    .map((o) => /\/BaseFont\s*\/([^\s/<>[\]()]+)/.exec(o.dict)?.[1] ?? "?");
  return [...new Set(names)].sort();
}

/** The font programs a PDF embeds, decoded: FontFile2 is TrueType, FontFile3 here CFF (what pdf-lib writes). */
export function pdfFontPrograms(bytes: Uint8Array): Array<{ kind: "TrueType" | "CFF"; bytes: Buffer }> {
  const objects = readObjects(Buffer.from(bytes).toString("latin1"));
  return [...objects.values()]
    .flatMap((o) => [...o.dict.matchAll(/\/FontFile([23])\s+(\d+)\s+\d+\s+R/g)])
    .map((m) => ({
      kind: m[1] === "2" ? "TrueType" : "CFF",
      bytes: Buffer.from(objects.get(Number(m[2]))?.stream ?? "", "latin1"),
    }));
}

/** An object's text (for a stream: its dictionary) and, for a stream, its decoded bytes as latin1. */
type PdfObject = { dict: string; stream?: string };
type Decoder = (bytes: string) => string;

function readObjects(raw: string): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const start = /(\d+)\s+\d+\s+obj\b/g;
  for (let match = start.exec(raw); match; match = start.exec(raw)) {
    const from = match.index + match[0].length;
    const end = raw.indexOf("endobj", from);
    const streamAt = /stream\r?\n/g;
    streamAt.lastIndex = from;
    const stream = streamAt.exec(raw);
    if (!stream || (end >= 0 && stream.index > end)) {
      objects.set(Number(match[1]), { dict: raw.slice(from, end < 0 ? undefined : end) });
      continue;
    }
    const dict = raw.slice(from, stream.index);
    const dataStart = stream.index + stream[0].length;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    const dataEnd = length ? dataStart + Number(length[1]) : raw.indexOf("endstream", dataStart);
    objects.set(Number(match[1]), { dict, stream: decodeStream(dict, raw.slice(dataStart, dataEnd)) });
    start.lastIndex = dataEnd;
  }
  // Objects packed in object streams: "number offset" pairs, then the objects from /First on.
  for (const { dict, stream } of [...objects.values()]) {
    if (!stream || !/\/Type\s*\/ObjStm/.test(dict)) continue;
    const first = Number(/\/First\s+(\d+)/.exec(dict)?.[1] ?? 0);
    const header = stream.slice(0, first).trim().split(/\s+/).map(Number);
    for (let i = 0; i + 1 < header.length; i += 2) {
      const from = first + (header[i + 1] ?? 0);
      const to = i + 3 < header.length ? first + (header[i + 3] ?? 0) : stream.length;
      const number = header[i] ?? -1;
      if (!objects.has(number)) objects.set(number, { dict: stream.slice(from, to) });
    }
  }
  return objects;
}

function decodeStream(dict: string, data: string): string | undefined {
  if (!/\/FlateDecode/.test(dict)) return data;
  try {
    return inflateSync(Buffer.from(data, "latin1")).toString("latin1");
  } catch {
    return undefined; // a stream we cannot read: no text in it
  }
}

/** The content of each page, in page order (the page tree walked from the catalog). */
function pageContents(objects: Map<number, PdfObject>): string[] {
  const refs = (text: string) => [...text.matchAll(/(\d+)\s+\d+\s+R/g)].map((m) => Number(m[1]));
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
  const root = Number(/\/Pages\s+(\d+)\s+\d+\s+R/.exec(catalog?.dict ?? "")?.[1]);
  const contents: string[] = [];
  const visit = (number: number, depth: number) => {
    const node = objects.get(number);
    if (!node || depth > 32) return;
    if (/\/Type\s*\/Page\b/.test(node.dict)) {
      const value = /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(node.dict)?.[1] ?? "";
      contents.push(
        refs(value)
          .map((ref) => objects.get(ref)?.stream ?? "")
          .join("\n"),
      );
    } else {
      for (const kid of refs(/\/Kids\s*\[([^\]]*)\]/.exec(node.dict)?.[1] ?? "")) visit(kid, depth + 1);
    }
  };
  visit(root, 0);
  return contents;
}

/** A decoder for each font resource name: by its ToUnicode CMap for a Type0 font, else WinAnsi. */
function fontDecoders(objects: Map<number, PdfObject>): Map<string, Decoder> {
  const byObject = new Map<number, Decoder>();
  for (const [number, { dict }] of objects) {
    if (!/\/Type\s*\/Font\b/.test(dict)) continue;
    const toUnicode = /\/ToUnicode\s+(\d+)\s+\d+\s+R/.exec(dict)?.[1];
    const cmap = toUnicode ? objects.get(Number(toUnicode))?.stream : undefined;
    byObject.set(number, /\/Subtype\s*\/Type0/.test(dict) && cmap ? cmapDecoder(cmap) : winAnsiText);
  }
  const byName = new Map<string, Decoder>();
  for (const { dict } of objects.values()) {
    for (const m of dict.matchAll(/\/([^\s/<>[\]()]+)\s+(\d+)\s+\d+\s+R/g)) {
      const decoder = byObject.get(Number(m[2]));
      if (decoder && m[1]) byName.set(m[1], decoder);
    }
  }
  return byName;
}

/** A ToUnicode CMap (bfchar and bfrange entries) as a decoder of the font's codes. */
function cmapDecoder(cmap: string): Decoder {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => {
    let text = "";
    for (let i = 0; i + 4 <= hex.length; i += 4) text += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
    return text;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] ?? "").matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) {
      map.set(Number.parseInt(m[1] ?? "", 16), utf16(m[2] ?? ""));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of (block[1] ?? "").matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]*)>|\[([^\]]*)\])/g)) {
      const [low, high] = [Number.parseInt(m[1] ?? "", 16), Number.parseInt(m[2] ?? "", 16)];
      const listed = [...(m[4] ?? "").matchAll(/<([0-9A-Fa-f]*)>/g)].map((d) => utf16(d[1] ?? ""));
      for (let code = low; code <= high && code - low < 65536; code++) {
        const first = utf16(m[3] ?? "");
        // Consecutive codes map to consecutive characters: the last UTF-16 unit counts up.
        const counted = first.slice(0, -1) + String.fromCharCode(first.charCodeAt(first.length - 1) + code - low);
        map.set(code, m[3] !== undefined ? counted : (listed[code - low] ?? ""));
      }
    }
  }
  const width = (/begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(cmap)?.[1]?.length ?? 4) / 2;
  return (bytes) => {
    let text = "";
    for (let i = 0; i + width <= bytes.length; i += width) {
      let code = 0;
      for (let j = 0; j < width; j++) code = code * 256 + bytes.charCodeAt(i + j);
      text += map.get(code) ?? "\uFFFD";
    }
    return text;
  };
}

/**
 * The lines one content stream shows: the strings of a text object joined while they stay
 * on one baseline; a new text object, a move to another line (T*, Td/TD down, a Tm at
 * another height, ' or ") starts a new line.
 */
function textLines(content: string, fonts: Map<string, Decoder>): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  let decode: Decoder = winAnsiText;
  let baseline: number | undefined;
  const flush = () => {
    if (line.length > 0) lines.push(line.join(""));
    line = [];
  };
  const num = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)`;
  const token = new RegExp(
    [
      String.raw`\/([^\s/<>[\]()]+)\s+${num}\s+Tf`,
      String.raw`\bBT\b|\bET\b|\bT\*`,
      String.raw`(?:${num}\s+){5}(${num})\s+Tm`,
      String.raw`${num}\s+(${num})\s+T[dD]`,
      String.raw`<([0-9A-Fa-f\s]*)>\s*(Tj|'|")`,
      String.raw`\(((?:\\.|[^\\)])*)\)\s*(Tj|'|")`,
      String.raw`\[([^\]]*)\]\s*TJ`,
    ].join("|"),
    "g",
  );
  for (const m of content.matchAll(token)) {
    const [all, font, tmY, tdY, hex, hexOp, literal, literalOp, array] = m;
    if (font !== undefined) decode = fonts.get(font) ?? winAnsiText;
    else if (all === "BT" || all === "ET" || all === "T*") {
      flush();
      baseline = undefined;
    } else if (tmY !== undefined) {
      if (baseline !== undefined && Number(tmY) !== baseline) flush();
      baseline = Number(tmY);
    } else if (tdY !== undefined) {
      if (Number(tdY) !== 0) flush();
    } else {
      if (hexOp === "'" || hexOp === '"' || literalOp === "'" || literalOp === '"') flush();
      if (hex !== undefined) line.push(decode(hexBytes(hex)));
      else if (literal !== undefined) line.push(decode(literalBytes(literal)));
      else if (array !== undefined) {
        for (const p of array.matchAll(/<([0-9A-Fa-f\s]*)>|\(((?:\\.|[^\\)])*)\)/g)) {
          line.push(decode(p[1] !== undefined ? hexBytes(p[1]) : literalBytes(p[2] ?? "")));
        }
      }
    }
  }
  flush();
  return lines;
}

/** A hex string's bytes, as latin1 characters. */
function hexBytes(hex: string): string {
  const clean = hex.replace(/\s/g, "");
  let bytes = "";
  for (let i = 0; i < clean.length; i += 2)
    bytes += String.fromCharCode(Number.parseInt(clean.slice(i, i + 2).padEnd(2, "0"), 16));
  return bytes;
}

/** A literal string's bytes (escapes resolved), as latin1 characters. */
function literalBytes(literal: string): string {
  let bytes = "";
  for (let i = 0; i < literal.length; i++) {
    const c = literal[i] ?? "";
    if (c !== "\\") {
      bytes += c;
      continue;
    }
    const next = literal[++i] ?? "";
    const octal = /^[0-7]{1,3}/.exec(literal.slice(i));
    if (octal) {
      bytes += String.fromCharCode(Number.parseInt(octal[0], 8) & 0xff);
      i += octal[0].length - 1;
    } else {
      bytes += { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" }[next] ?? next;
    }
  }
  return bytes;
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

const winAnsiText: Decoder = (bytes) => [...bytes].map((c) => WIN_ANSI_HIGH[c.charCodeAt(0)] ?? c).join("");
