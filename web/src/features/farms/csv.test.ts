import { describe, expect, it } from "vitest";
import { csvCell as serverCsvCell } from "../../../../src/server/csv.ts";
import { buildCsv, CSV_BOM, csvCell, csvFileName, csvLine } from "./csv.ts";

describe("CSV cells", () => {
  it("leaves plain text and numbers alone; empty for null and undefined", () => {
    expect(csvCell("Berlin farm")).toBe("Berlin farm");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(csvCell("Farm, Berlin")).toBe('"Farm, Berlin"');
    expect(csvCell('The "big" farm')).toBe('"The ""big"" farm"');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
  });

  it("defuses formulas: a cell starting with = + - @ tab or CR gets a leading quote", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe('"\'\rx"');
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("follows the same rules as the server's CSV (src/server/csv.ts)", () => {
    const samples = ["", "plain", "a,b", 'q"q', "x\ny", "=1+1", "+x", "-x", "@x", "\tx", "\rx", " =x", "日本語", 0, 7, -3];
    for (const sample of samples) expect(csvCell(sample)).toBe(serverCsvCell(sample));
  });
});

describe("CSV files", () => {
  it("lines end with CRLF", () => {
    expect(csvLine(["a", 1, null, "b,c"])).toBe('a,1,,"b,c"\r\n');
  });

  it("a BOM, the header line, then a line per row", () => {
    const rows = [
      { name: "Alpha", users: 3 },
      { name: "=evil", users: 0 },
    ];
    const csv = buildCsv(rows, [
      { header: "Farm name", value: (row) => row.name },
      { header: "Peak, users", value: (row) => row.users },
    ]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.slice(CSV_BOM.length)).toBe('Farm name,"Peak, users"\r\nAlpha,3\r\n\'=evil,0\r\n');
    expect(buildCsv([], [{ header: "Only", value: () => "x" }])).toBe(`${CSV_BOM}Only\r\n`);
  });

  it("names the file after today's date", () => {
    expect(csvFileName("farms", new Date("2026-11-26T23:59:00.000Z"))).toBe("farms-2026-11-26.csv");
  });
});
