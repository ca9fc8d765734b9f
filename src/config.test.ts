import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("needs nothing to run in development: SQLite under ./data on port 3000", () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: "sqlite", file: "./data/portal.sqlite" });
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.smtpUrl).toBeUndefined();
  });

  it("reads PostgreSQL from DATABASE_URL", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://u@db:5432/portal" });
    expect(config.database).toMatchObject({ kind: "postgres", url: "postgres://u@db:5432/portal", poolMax: 10 });
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ PORT: "http" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ SMTP_URL: "mail.example.com" }, "SMTP_URL"],
    [{ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) }, "SMTP_URL"],
    [{ NODE_ENV: "production", SMTP_URL: "smtp://mail:25" }, "AUTH_SECRET"],
    [{ NODE_ENV: "production", SMTP_URL: "smtp://mail:25", AUTH_SECRET: "x".repeat(40) }, "LICENSE_KEY_SECRET"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET"],
  ])("refuses %o with one line naming %s", (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.startsWith(`Invalid configuration: ${variable} `)).toBe(true);
    expect(message).not.toContain("\n");
  });

  it("is frozen so nothing can change it after boot", () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
