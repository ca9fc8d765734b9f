import { describe, expect, it } from "vitest";
import { newMessageId } from "./useTicket.ts";

describe("newMessageId", () => {
  it("finds the newest message that was not there before", () => {
    expect(newMessageId([{ id: "a" }], [{ id: "a" }, { id: "b" }, { id: "c" }])).toBe("c");
    expect(newMessageId([{ id: "a" }, { id: "c" }], [{ id: "a" }, { id: "b" }, { id: "c" }])).toBe("b");
    expect(newMessageId([{ id: "a" }], [{ id: "a" }])).toBeNull();
  });
});
