import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OperatorRelease } from "../../contracts/downloads.ts";
import { attachmentDisposition, parseRange } from "../../src/modules/downloads/byte-ranges.ts";
import { businessAccount, type Person, person } from "../helpers/account-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { createDownloadsApp, type DownloadsTestApp, fileUrl, publishedRelease, send, sha256 } from "./downloads-kit.ts";

describe("byte ranges (pure)", () => {
  it.each([
    ["bytes=0-9", 100, { kind: "partial", start: 0, end: 9 }],
    ["bytes=90-", 100, { kind: "partial", start: 90, end: 99 }],
    ["bytes=-10", 100, { kind: "partial", start: 90, end: 99 }],
    ["bytes=-500", 100, { kind: "partial", start: 0, end: 99 }],
    ["bytes=50-5000", 100, { kind: "partial", start: 50, end: 99 }],
    ["bytes=99-99", 100, { kind: "partial", start: 99, end: 99 }],
    ["BYTES=1-2", 100, { kind: "partial", start: 1, end: 2 }],
    ["bytes=100-", 100, { kind: "unsatisfiable" }],
    ["bytes=100-200", 100, { kind: "unsatisfiable" }],
    ["bytes=-0", 100, { kind: "unsatisfiable" }],
    // Ignored (whole file): several ranges, another unit, nonsense, an inverted range.
    ["bytes=0-1,5-6", 100, { kind: "full" }],
    ["items=0-1", 100, { kind: "full" }],
    ["bytes=abc", 100, { kind: "full" }],
    ["bytes=-", 100, { kind: "full" }],
    ["bytes=9-3", 100, { kind: "full" }],
    ["bytes=99999999999999999999-", 100, { kind: "full" }],
  ] as const)("%s of %i bytes", (header, size, want) => {
    expect(parseRange(header, size)).toEqual(want);
  });

  it("names the file for every client: ASCII fallback plus RFC 5987 for other scripts", () => {
    expect(attachmentDisposition("RAS-19.4.msi")).toBe('attachment; filename="RAS-19.4.msi"');
    expect(attachmentDisposition('a"b\\c.msi')).toBe(`attachment; filename="a_b_c.msi"; filename*=UTF-8''a%22b%5Cc.msi`);
    expect(attachmentDisposition("Сервер (x64).msi")).toBe(
      `attachment; filename="______ (x64).msi"; filename*=UTF-8''%D0%A1%D0%B5%D1%80%D0%B2%D0%B5%D1%80%20%28x64%29.msi`,
    );
  });
});

describe(`downloads over HTTP: Range, If-Range, ETag, HEAD (${TEST_ENGINE})`, () => {
  let t: DownloadsTestApp;
  let op: Person;
  let member: Person;
  let accountId: string;
  let release: OperatorRelease;
  const data = randomBytes(100_000);
  const url = () => fileUrl(accountId, release.id);
  const get = (headers: Record<string, string> = {}) => send(t, member, "GET", url(), undefined, headers);

  beforeAll(async () => {
    t = await createDownloadsApp();
    op = await operator(t);
    member = await person(t, "admin");
    accountId = await businessAccount(t, member);
    await issue(t, op, { accountId });
    release = await publishedRelease(t, op, data, { fileName: "Сервер 19.msi" });
  });
  afterAll(async () => t?.close());

  it("serves the whole file with its length, checksum as ETag, and a safe attachment name", async () => {
    const response = await get();
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(data)).toBe(true);
    expect(response.headers).toMatchObject({
      "content-type": "application/octet-stream",
      "content-length": String(data.length),
      "accept-ranges": "bytes",
      etag: `"${sha256(data)}"`,
      "repr-digest": `sha-256=:${Buffer.from(sha256(data), "hex").toString("base64")}:`,
      "content-disposition": `attachment; filename="______ 19.msi"; filename*=UTF-8''%D0%A1%D0%B5%D1%80%D0%B2%D0%B5%D1%80%2019.msi`,
    });
  });

  it.each([
    ["bytes=0-0", 0, 0],
    ["bytes=1000-1999", 1000, 1999],
    ["bytes=99000-", 99_000, 99_999],
    ["bytes=-1", 99_999, 99_999],
    ["bytes=-2500", 97_500, 99_999],
    ["bytes=-200000", 0, 99_999],
    ["bytes=50000-999999", 50_000, 99_999],
  ])("%s → 206 with exactly bytes %i–%i", async (range, start, end) => {
    const response = await get({ range });
    expect(response.statusCode).toBe(206);
    expect(response.headers["content-range"]).toBe(`bytes ${start}-${end}/${data.length}`);
    expect(response.headers["content-length"]).toBe(String(end - start + 1));
    expect(response.rawPayload.equals(data.subarray(start, end + 1))).toBe(true);
  });

  it("resumes: the parts put together are the file, byte for byte", async () => {
    const first = await get({ range: "bytes=0-33332" });
    const second = await get({ range: "bytes=33333-66665", "if-range": `"${sha256(data)}"` });
    const rest = await get({ range: "bytes=66666-", "if-range": `"${sha256(data)}"` });
    expect([first.statusCode, second.statusCode, rest.statusCode]).toEqual([206, 206, 206]);
    expect(Buffer.concat([first.rawPayload, second.rawPayload, rest.rawPayload]).equals(data)).toBe(true);
  });

  it("416 with Content-Range */size for a range past the end", async () => {
    for (const range of ["bytes=100000-", "bytes=200000-300000", "bytes=-0"]) {
      const response = await get({ range });
      expect(response.statusCode, range).toBe(416);
      expect(response.headers["content-range"]).toBe(`bytes */${data.length}`);
      expect(response.json().code).toBe("RANGE_NOT_SATISFIABLE");
    }
  });

  it("If-Range with another ETag (or a date) sends the whole file: the client's copy is not this one", async () => {
    for (const ifRange of [`"${sha256("an older build")}"`, `W/"${sha256(data)}"`, "Wed, 21 Oct 2015 07:28:00 GMT"]) {
      const response = await get({ range: "bytes=0-9", "if-range": ifRange });
      expect(response.statusCode, ifRange).toBe(200);
      expect(response.headers["content-range"]).toBeUndefined();
      expect(response.rawPayload.equals(data)).toBe(true);
    }
  });

  it("several ranges or a malformed header get the whole file, not an error", async () => {
    for (const range of ["bytes=0-1,10-11", "bytes=x-y", "pages=1-2"]) {
      const response = await get({ range });
      expect(response.statusCode, range).toBe(200);
      expect(response.rawPayload.length).toBe(data.length);
    }
  });

  it("If-None-Match with the ETag is 304 without a body", async () => {
    const response = await get({ "if-none-match": `"${sha256(data)}"` });
    expect(response.statusCode).toBe(304);
    expect(response.rawPayload.length).toBe(0);
    expect((await get({ "if-none-match": `"${sha256("other")}"` })).statusCode).toBe(200);
  });

  it("HEAD answers the headers (size, ETag, ranges) without the body", async () => {
    const head = await send(t, member, "HEAD", url());
    expect(head.statusCode).toBe(200);
    expect(head.headers).toMatchObject({
      "content-length": String(data.length),
      etag: `"${sha256(data)}"`,
      "accept-ranges": "bytes",
    });
    expect(head.rawPayload.length).toBe(0);
    const partial = await send(t, member, "HEAD", url(), undefined, { range: "bytes=10-19" });
    expect(partial.statusCode).toBe(206);
    expect(partial.headers["content-length"]).toBe("10");
    expect(partial.headers["content-range"]).toBe(`bytes 10-19/${data.length}`);
  });

  it("the list shows the file's size and SHA-256, and the URL that downloads it", async () => {
    const list = await send(t, member, "GET", `/api/accounts/${accountId}/downloads`);
    expect(list.statusCode).toBe(200);
    const file = list.json().products[0].versions[0].releases[0];
    expect(file).toMatchObject({ id: release.id, size: data.length, sha256: sha256(data), url: url() });
  });
});
