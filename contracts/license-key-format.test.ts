import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkKey, formatKey, KEY_ALPHABET, maskKey } from "./license-key-format.ts";

const fresh = () => formatKey(Array.from({ length: 29 }, () => randomInt(KEY_ALPHABET.length)));

describe("license key format", () => {
  it("makes 5 groups of 6 from the alphabet, and accepts its own keys however they are typed", () => {
    for (let n = 0; n < 200; n++) {
      const key = fresh();
      expect(key).toMatch(/^([23456789ABCDEFGHJKMNPQRSTWXYZ]{6}-){4}[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$/);
      expect(checkKey(key)).toEqual({ ok: true, key });
      expect(checkKey(` ${key.toLowerCase().replaceAll("-", " ")} `)).toEqual({ ok: true, key });
    }
  });

  it("catches every single mistyped character and every swap of neighbours", () => {
    const key = fresh();
    const chars = key.replaceAll("-", "").split("");
    for (let i = 0; i < chars.length; i++) {
      for (const other of KEY_ALPHABET) {
        if (other === chars[i]) continue;
        const typo = [...chars];
        typo[i] = other;
        expect(checkKey(typo.join("")).ok).toBe(false);
      }
      if (i + 1 < chars.length && chars[i] !== chars[i + 1]) {
        const swapped = [...chars];
        [swapped[i], swapped[i + 1]] = [swapped[i + 1] as string, swapped[i] as string];
        expect(checkKey(swapped.join("")).ok).toBe(false);
      }
    }
  });

  it("says why a key is refused", () => {
    expect(checkKey("ABC")).toEqual({ ok: false, reason: "length" });
    expect(checkKey("O".repeat(30))).toEqual({ ok: false, reason: "characters" });
    expect(maskKey("7KQ2MX")).toBe("******-******-******-******-7KQ2MX");
  });
});
