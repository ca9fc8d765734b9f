import { describe, expect, it } from "vitest";
import {
  appendRows,
  findProblems,
  type InviteRow,
  isValidEmail,
  parseCsvRecords,
  parseInviteCsv,
  parseLanguage,
  splitAddresses,
  toInvitations,
} from "./invite-list.ts";

const rows = (...emails: string[]): InviteRow[] => emails.map((email, i) => ({ key: `k${i}`, email, locale: null }));

describe("isValidEmail", () => {
  it("accepts ordinary addresses", () => {
    for (const email of ["ada@example.com", "a.b+tag@sub.example.co.uk", "x_y-z@example.io", "Ünïcode@exämple.de"]) {
      expect(isValidEmail(email), email).toBe(true);
    }
  });

  it("refuses what is not an address", () => {
    for (const email of [
      "",
      "ada",
      "ada@",
      "@example.com",
      "ada@example",
      "ada@@example.com",
      "ada @example.com",
      "ada@example.c",
    ]) {
      expect(isValidEmail(email), email).toBe(false);
    }
    expect(isValidEmail(".ada@example.com")).toBe(false);
    expect(isValidEmail("ada@example..com")).toBe(false);
    expect(isValidEmail(`${"a".repeat(65)}@example.com`)).toBe(false);
    expect(isValidEmail(`a@${"b".repeat(250)}.com`)).toBe(false);
  });
});

describe("splitAddresses", () => {
  it("splits on commas, semicolons, spaces and new lines", () => {
    expect(splitAddresses("a@x.com, b@x.com;c@x.com d@x.com\ne@x.com\r\n\tf@x.com ,, ;")).toEqual([
      "a@x.com",
      "b@x.com",
      "c@x.com",
      "d@x.com",
      "e@x.com",
      "f@x.com",
    ]);
  });

  it("takes the address out of a mail client's 'Name <address>' form", () => {
    expect(splitAddresses('Ada Lovelace <ada@x.com>, "Hopper, Grace" <grace@x.com>; bob@x.com')).toEqual([
      "ada@x.com",
      "grace@x.com",
      "bob@x.com",
    ]);
    expect(splitAddresses("Ada <ada@x.com> bob@x.com")).toEqual(["ada@x.com", "bob@x.com"]);
  });

  it("strips mailto: and trailing dots, and keeps invalid tokens for the person to see", () => {
    expect(splitAddresses("mailto:ada@x.com. not-an-address")).toEqual(["ada@x.com", "not-an-address"]);
  });

  it("returns nothing for blank text", () => {
    expect(splitAddresses("  \n ,; ")).toEqual([]);
  });
});

describe("parseLanguage", () => {
  it("reads codes, own names and English names", () => {
    expect(parseLanguage("de")).toBe("de");
    expect(parseLanguage(" FR ")).toBe("fr");
    expect(parseLanguage("de-CH")).toBe("de");
    expect(parseLanguage("zh-Hans")).toBe("zh");
    expect(parseLanguage("Deutsch")).toBe("de");
    expect(parseLanguage("日本語")).toBe("ja");
    expect(parseLanguage("русский")).toBe("ru");
    expect(parseLanguage("Italian")).toBe("it");
  });

  it("is undefined for an empty cell and null for an unknown language", () => {
    expect(parseLanguage("  ")).toBeUndefined();
    expect(parseLanguage("Klingon")).toBeNull();
    expect(parseLanguage("pt")).toBeNull();
  });
});

describe("parseCsvRecords", () => {
  it("handles quotes, escaped quotes, CRLF and blank lines", () => {
    expect(parseCsvRecords('a,"b, c","say ""hi"""\r\n\r\nd,e\n', ",")).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["d", "e"],
    ]);
  });

  it("keeps a last record without a line break", () => {
    expect(parseCsvRecords("a;b\nc;d", ";")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
});

describe("parseInviteCsv", () => {
  it("reads a file without a header: email, then an optional language", () => {
    expect(parseInviteCsv("ada@x.com,de\nbob@x.com\ncarol@x.com,日本語\n")).toEqual([
      { email: "ada@x.com", locale: "de" },
      { email: "bob@x.com", locale: null },
      { email: "carol@x.com", locale: "ja" },
    ]);
  });

  it("uses the header to find the columns, in any order", () => {
    const csv = "\uFEFFName,Language,E-mail address\nAda,fr,ada@x.com\nBob,,bob@x.com\n";
    expect(parseInviteCsv(csv)).toEqual([
      { email: "ada@x.com", locale: "fr" },
      { email: "bob@x.com", locale: null },
    ]);
  });

  it("reads semicolon files saved by European spreadsheets", () => {
    expect(parseInviteCsv("E-Mail;Sprache\nada@x.com;Deutsch\n")).toEqual([{ email: "ada@x.com", locale: "de" }]);
  });

  it("reads a one-column list with a header", () => {
    expect(parseInviteCsv("email\nada@x.com\nbob@x.com")).toEqual([
      { email: "ada@x.com", locale: null },
      { email: "bob@x.com", locale: null },
    ]);
  });

  it("marks a language it cannot read instead of dropping it", () => {
    expect(parseInviteCsv("ada@x.com,Klingon")).toEqual([{ email: "ada@x.com", locale: null, unknownLanguage: "Klingon" }]);
  });

  it("returns nothing for an empty file", () => {
    expect(parseInviteCsv("")).toEqual([]);
    expect(parseInviteCsv("email,language\n")).toEqual([]);
  });
});

describe("appendRows", () => {
  it("adds up to the limit and counts what did not fit", () => {
    const start = appendRows([], [{ email: "a@x.com", locale: null }], 3).rows;
    const result = appendRows(
      start,
      ["b", "c", "d", "e"].map((n) => ({ email: `${n}@x.com`, locale: null })),
      3,
    );
    expect(result.rows.map((r) => r.email)).toEqual(["a@x.com", "b@x.com", "c@x.com"]);
    expect(result.added).toBe(2);
    expect(result.refused).toBe(2);
    expect(new Set(result.rows.map((r) => r.key)).size).toBe(3);
  });

  it("refuses everything when the list is full", () => {
    const full = appendRows([], [{ email: "a@x.com", locale: null }], 1).rows;
    expect(appendRows(full, [{ email: "b@x.com", locale: null }], 1)).toMatchObject({ added: 0, refused: 1 });
  });
});

describe("findProblems", () => {
  it("flags invalid addresses and later duplicates, case-insensitively", () => {
    const list = rows("ada@x.com", "nope", "ADA@x.com", "bob@x.com", " ada@X.COM ");
    expect(Object.fromEntries(findProblems(list))).toEqual({ k1: "invalid", k2: "duplicate", k4: "duplicate" });
  });

  it("flags an unreadable language until a language is chosen", () => {
    const list: InviteRow[] = [{ key: "a", email: "ada@x.com", locale: null, unknownLanguage: "xx" }];
    expect(findProblems(list).get("a")).toBe("language");
    expect(findProblems([{ ...list[0], key: "a", email: "ada@x.com", locale: "de" }]).size).toBe(0);
  });

  it("finds nothing wrong with a clean list", () => {
    expect(findProblems(rows("a@x.com", "b@x.com")).size).toBe(0);
  });
});

describe("toInvitations", () => {
  it("sends a row's language only when it differs from the dialog's", () => {
    const list: InviteRow[] = [
      { key: "1", email: " ada@x.com ", locale: null },
      { key: "2", email: "bob@x.com", locale: "de" },
      { key: "3", email: "eve@x.com", locale: "fr" },
    ];
    expect(toInvitations(list, "de")).toEqual([
      { email: "ada@x.com" },
      { email: "bob@x.com" },
      { email: "eve@x.com", locale: "fr" },
    ]);
  });
});
