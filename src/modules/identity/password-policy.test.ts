import { describe, expect, it } from "vitest";
import { checkPasswordPolicy, commonPasswordCount } from "./password-policy.ts";

describe("password policy", () => {
  it("ships the 10,000 most common passwords", () => {
    expect(commonPasswordCount()).toBeGreaterThan(9_900);
  });

  it("refuses common passwords whatever their case", () => {
    expect(checkPasswordPolicy("1qaz2wsx3edc")?.code).toBe("PASSWORD_TOO_COMMON");
    expect(checkPasswordPolicy("QWERTY123456")?.code).toBe("PASSWORD_TOO_COMMON");
  });

  it("counts characters, not UTF-16 units, for the length window", () => {
    expect(checkPasswordPolicy("🔑".repeat(11))?.code).toBe("PASSWORD_TOO_SHORT");
    expect(checkPasswordPolicy("🔑".repeat(12))).toBeUndefined();
    expect(checkPasswordPolicy("a".repeat(129))?.code).toBe("PASSWORD_TOO_LONG");
  });

  it("has no composition rules", () => {
    expect(checkPasswordPolicy("all lower case words")).toBeUndefined();
  });
});
