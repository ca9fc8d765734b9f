import { describe, expect, it } from "vitest";
import { formatBytes, groupedChecksum, releaseRows } from "./format.ts";

describe("download formatting", () => {
  it.each([
    [0, "0 bytes"],
    [999, "999 bytes"],
    [1000, "1 kB"],
    [1536, "1.54 kB"],
    // Rounds up to the next unit instead of showing "1,000 kB".
    [999_960, "1 MB"],
    [15_300_000, "15.3 MB"],
    [2_147_483_648, "2.15 GB"],
  ])("%i bytes reads %s in English", (bytes, text) => {
    expect(formatBytes(bytes, "en")).toBe(text);
  });

  it("uses the UI language", () => {
    expect(formatBytes(15_300_000, "de")).toBe("15,3 MB");
  });

  it("groups a checksum in eights", () => {
    expect(groupedChecksum("a".repeat(16) + "b".repeat(8))).toBe("aaaaaaaa aaaaaaaa bbbbbbbb");
  });

  it("flattens versions into rows that keep their version", () => {
    const file = { id: "r1", platform: "Linux", fileName: "a", size: 1, sha256: "x", notes: "", releasedAt: "", url: "/u" };
    const rows = releaseRows([
      { version: "2.0", releasedAt: "", releases: [file, { ...file, id: "r2" }] },
      { version: "1.0", releasedAt: "", releases: [{ ...file, id: "r3" }] },
    ]);
    expect(rows.map((r) => [r.version, r.id])).toEqual([
      ["2.0", "r1"],
      ["2.0", "r2"],
      ["1.0", "r3"],
    ]);
  });
});
