import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import {
  beginText,
  type Color,
  endText,
  type PDFDocument,
  type PDFFont,
  type PDFName,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  StandardFonts,
  setFillingColor,
  setFontAndSize,
  setTextMatrix,
  showText,
} from "pdf-lib";
import { toPrintable } from "./invoice-format.ts";

/**
 * The invoice's fonts: Helvetica (a standard PDF font, nothing embedded) for what it can
 * print, which is all of most invoices, then two Unicode families, read from disk only when
 * the invoice has text Helvetica lacks, and embedded as subsets (only the glyphs drawn):
 *
 * - Noto Sans (`@embedpdf/fonts-latin`): Latin with every accent, Greek, Cyrillic.
 * - Noto Sans CJK SC, "Noto Sans Hans" (`@embedpdf/fonts-sc`): Chinese (all of GB 2312),
 *   Japanese kana and the kanji of JIS X 0208 (the few compatibility kanji it lacks print
 *   as their unified form), full-width forms. Chinese letterforms: a few kanji are drawn
 *   the Chinese way. No Hangul.
 *
 * Both are © Google and Adobe under the SIL Open Font License 1.1, which allows embedding
 * them in documents. Each character is drawn with the first font that has it, so a line can
 * mix fonts; what none has goes through toPrintable (a stand-in or "?").
 *
 * The subsets are made with upstream fontkit 2, not `@pdf-lib/fontkit`: that old fork writes
 * broken subsets (a CFF header viewers reject, TrueType offsets off by a byte), so the text
 * was in the file but drew as blanks. pdf-lib accepts any object with fontkit's `create`.
 */

type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];
/** The part of a fontkit 2 font used here (pdf-lib uses more, through its own types). */
type FontkitFont = { hasGlyphForCodePoint(codePoint: number): boolean; createSubset(): FontkitSubset };
type FontkitSubset = { encode(): Uint8Array; encodeStream?: () => Readable };

const require = createRequire(import.meta.url);

const FAMILIES = [
  { pkg: "@embedpdf/fonts-latin", regular: "NotoSans-Regular.ttf", bold: "NotoSans-Bold.ttf" },
  { pkg: "@embedpdf/fonts-sc", regular: "NotoSansHans-Regular.otf", bold: "NotoSansHans-Bold.otf" },
] as const;

type Loaded = { bytes: Uint8Array; font: FontkitFont };
type Family = { regular: Loaded; bold: Loaded };

/** Parsed fonts by their bytes: pdf-lib asks fontkit to parse what it embeds, and parsing once per process is enough. */
const parsed = new WeakMap<Uint8Array, FontkitFont>();
/** Each family is read once per process (about 1 MB and 17 MB), and only by a process that needs it. */
const families = new Map<string, Promise<Family | null>>();

function fontkit(): { create(bytes: Uint8Array): FontkitFont } {
  return require("fontkit");
}

/** fontkit 2 for pdf-lib: the parsed font reused, and the subset stream pdf-lib reads (fontkit 2 returns bytes). */
const adapter: Fontkit = {
  create(bytes: Uint8Array) {
    const font = parsed.get(bytes) ?? fontkit().create(bytes);
    parsed.set(bytes, font);
    if (!Object.hasOwn(font, "createSubset")) {
      const createSubset = font.createSubset.bind(font);
      font.createSubset = () => {
        const subset = createSubset();
        subset.encodeStream = () => Readable.from([subset.encode()]);
        return subset;
      };
    }
    return font as unknown as ReturnType<Fontkit["create"]>;
  },
};

async function load(pkg: string, file: string): Promise<Loaded> {
  const bytes = new Uint8Array(await readFile(join(dirname(require.resolve(pkg)), "..", "fonts", file)));
  const font = fontkit().create(bytes);
  parsed.set(bytes, font);
  return { bytes, font };
}

/** A family, or null when its package cannot be read: the invoice is still made, with "?" for what it lacks. */
function family(spec: (typeof FAMILIES)[number]): Promise<Family | null> {
  let loading = families.get(spec.pkg);
  if (!loading) {
    loading = Promise.all([load(spec.pkg, spec.regular), load(spec.pkg, spec.bold)]).then(
      ([regular, bold]) => ({ regular, bold }),
      () => null,
    );
    families.set(spec.pkg, loading);
  }
  return loading;
}

type Face = { font: PDFFont; covers: (codePoint: number) => boolean; widths: Map<string, number> };
type Run = { face: Face; text: string };

export class InvoiceFonts {
  private readonly keys = new WeakMap<PDFPage, Map<Face, PDFName>>();

  private constructor(
    private readonly regular: Face[],
    private readonly bold: Face[],
  ) {}

  /** Helvetica, plus each Unicode family that prints some of `sample` better (read and embedded only then). */
  static async embed(pdf: PDFDocument, sample: string): Promise<InvoiceFonts> {
    const helvetica = await pdf.embedFont(StandardFonts.Helvetica);
    const winAnsi = new Set(helvetica.getCharacterSet());
    const standard = (font: PDFFont): Face => ({ font, covers: (c) => winAnsi.has(c), widths: new Map() });
    const regular = [standard(helvetica)];
    const bold = [standard(await pdf.embedFont(StandardFonts.HelveticaBold))];
    // Each character once: what matters is which characters the fonts can print.
    const distinct = [...new Set(sample.normalize("NFC"))].join("");
    const printed = (faces: Array<Pick<Face, "covers">>) => toPrintable(distinct, (c) => faces.some((f) => f.covers(c)));
    const ideal = toPrintable(distinct, () => true);

    for (const spec of FAMILIES) {
      const before = printed(regular);
      if (before === ideal) break;
      const loaded = await family(spec);
      if (!loaded) continue;
      const covers = (c: number) => loaded.regular.font.hasGlyphForCodePoint(c);
      if (printed([...regular, { covers }]) === before) continue;
      pdf.registerFontkit(adapter);
      // Ligatures off: a ligature glyph has no character of its own, so its text would be lost on copy.
      const options = { subset: true, features: { liga: false, clig: false, dlig: false, calt: false, rlig: false } };
      regular.push({ font: await pdf.embedFont(loaded.regular.bytes, options), covers, widths: new Map() });
      bold.push({ font: await pdf.embedFont(loaded.bold.bytes, options), covers, widths: new Map() });
    }
    return new InvoiceFonts(regular, bold);
  }

  /** The text with only what these fonts can draw (see toPrintable). */
  printable(text: string): string {
    return toPrintable(text, (c) => this.regular.some((face) => face.covers(c)));
  }

  /** Width of printable text, summed per character (as the PDF advances: no kerning). */
  width(text: string, bold: boolean, size: number): number {
    let total = 0;
    for (const run of this.runs(text, bold)) total += this.runWidth(run, size);
    return total;
  }

  /** Draws one line of printable text, all its runs in one text object (so readers extract it as one line). */
  draw(page: PDFPage, text: string, at: { x: number; y: number; size: number; bold: boolean; color: Color }) {
    const operators = [pushGraphicsState(), beginText(), setFillingColor(at.color)];
    let x = at.x;
    for (const run of this.runs(text, at.bold)) {
      operators.push(
        setFontAndSize(this.key(page, run.face), at.size),
        setTextMatrix(1, 0, 0, 1, x, at.y),
        showText(run.face.font.encodeText(run.text)),
      );
      x += this.runWidth(run, at.size);
    }
    operators.push(endText(), popGraphicsState());
    page.pushOperators(...operators);
  }

  /** Splits text into runs of one font: each character in the first font that has it; a mark stays with its letter's. */
  private runs(text: string, bold: boolean): Run[] {
    const faces = bold ? this.bold : this.regular;
    const runs: Run[] = [];
    let current: Run | undefined;
    for (const char of text) {
      const code = char.codePointAt(0) ?? 0;
      const face = current && /\p{M}/u.test(char) && current.face.covers(code) ? current.face : faces.find((f) => f.covers(code));
      if (!face) continue; // not printable text: skipped rather than a font refusing it
      if (current?.face === face) current.text += char;
      else {
        current = { face, text: char };
        runs.push(current);
      }
    }
    return runs;
  }

  private runWidth(run: Run, size: number): number {
    let total = 0;
    for (const char of run.text) {
      let width = run.face.widths.get(char);
      if (width === undefined) {
        width = run.face.font.widthOfTextAtSize(char, 1);
        run.face.widths.set(char, width);
      }
      total += width;
    }
    return total * size;
  }

  /** The page's resource name for a font, added on first use. */
  private key(page: PDFPage, face: Face): PDFName {
    let keys = this.keys.get(page);
    if (!keys) {
      keys = new Map();
      this.keys.set(page, keys);
    }
    let key = keys.get(face);
    if (!key) {
      key = page.node.newFontDictionary(face.font.name, face.font.ref);
      keys.set(face, key);
    }
    return key;
  }
}
