import { describe, expect, it } from "vitest";
import { attachmentMediaType, Utf8TextCheck } from "./attachment-types.ts";

const bytes = (...values: Array<number | string>) =>
  new Uint8Array(values.flatMap((v) => (typeof v === "string" ? [...new TextEncoder().encode(v)] : [v])));

/** The whole file in one go, as the server sees it once the upload has ended. */
function typeOf(content: Uint8Array, fileName = "upload", { whole = true } = {}) {
  const text = new Utf8TextCheck();
  text.push(content);
  if (whole) text.end();
  return attachmentMediaType(fileName, content, text.isText);
}

describe("attachmentMediaType", () => {
  it("recognises the allowed binary types by their signatures", () => {
    expect(typeOf(bytes(0x89, "PNG\r\n", 0x1a, "\n", 0, 0))).toBe("image/png");
    expect(typeOf(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(typeOf(bytes("GIF89a", 1, 0))).toBe("image/gif");
    expect(typeOf(bytes("GIF87a", 1, 0))).toBe("image/gif");
    expect(typeOf(bytes("%PDF-1.7\n"))).toBe("application/pdf");
    expect(typeOf(bytes("PK", 3, 4, 20, 0))).toBe("application/zip");
  });

  it("refuses text a browser would render as markup", () => {
    expect(typeOf(bytes("  <!DOCTYPE html><p>hi"))).toBeNull();
    expect(typeOf(bytes("<svg xmlns='http://www.w3.org/2000/svg'>"))).toBeNull();
    expect(typeOf(bytes("a < b and <c>"))).toBe("text/plain");
  });

  it("takes UTF-8 text and refuses binaries, NUL bytes and nothing at all", () => {
    expect(typeOf(bytes("2026-11-26 ERROR licence check failed — ü"))).toBe("text/plain");
    expect(typeOf(bytes("MZ", 0x90, 0))).toBeNull();
    expect(typeOf(bytes("text", 0, "more"))).toBeNull();
    expect(typeOf(bytes(0xc3, 0x28))).toBeNull();
    expect(typeOf(bytes())).toBeNull();
  });

  it("holds a character cut at the end against a whole file, not against a sample", () => {
    const cut = new TextEncoder().encode("日本").slice(0, 4);
    expect(typeOf(cut)).toBeNull();
    expect(typeOf(cut, "upload", { whole: false })).toBe("text/plain");
  });

  it("refuses a name whose extension promises another type than the bytes", () => {
    expect(typeOf(bytes("hello"), "shot.png")).toBeNull();
    expect(typeOf(bytes("%PDF-1.4"), "report.PDF")).toBe("application/pdf");
    expect(typeOf(bytes("hello"), "server.log")).toBe("text/plain");
    expect(typeOf(bytes("PK", 3, 4), "report.docx")).toBe("application/zip");
  });

  it("reads an extension that names an object property as just a name (regression)", () => {
    expect(typeOf(bytes("hello"), "notes.constructor")).toBe("text/plain");
    expect(typeOf(bytes("hello"), "notes.toString")).toBe("text/plain");
    expect(typeOf(bytes("hello"), "notes.__proto__")).toBe("text/plain");
  });
});
