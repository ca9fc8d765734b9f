import { describe, expect, it } from "vitest";
import { MAX_ATTACHMENT_BYTES } from "../../../../contracts/support.ts";
import { attachmentProblem } from "./attachment-check.ts";

const bytes = (...values: Array<number | string>) =>
  new Uint8Array(values.flatMap((v) => (typeof v === "string" ? [...new TextEncoder().encode(v)] : [v])));

describe("attachmentProblem", () => {
  it("checks emptiness, the 10 MB limit and the type", () => {
    expect(attachmentProblem("a.pdf", 0, bytes())).toBe("empty");
    expect(attachmentProblem("a.pdf", MAX_ATTACHMENT_BYTES + 1, bytes("%PDF-"))).toBe("tooLarge");
    expect(attachmentProblem("a.pdf", MAX_ATTACHMENT_BYTES, bytes("%PDF-"))).toBeNull();
    expect(attachmentProblem("setup.exe", 10, bytes("MZ", 0))).toBe("typeNotAllowed");
  });

  it("refuses a name that promises another type than the bytes", () => {
    expect(attachmentProblem("shot.png", 10, bytes("hello"))).toBe("typeNotAllowed");
    expect(attachmentProblem("report.PDF", 10, bytes("%PDF-1.4"))).toBeNull();
    expect(attachmentProblem("server.log", 10, bytes("hello"))).toBeNull();
    expect(attachmentProblem("report.docx", 10, bytes("PK", 3, 4))).toBeNull();
  });

  it("does not hold a character cut by the sample against a larger file", () => {
    const cut = new TextEncoder().encode("日本").slice(0, 4);
    expect(attachmentProblem("notes.txt", 4, cut)).toBe("typeNotAllowed");
    expect(attachmentProblem("notes.txt", 5000, cut)).toBeNull();
  });
});
