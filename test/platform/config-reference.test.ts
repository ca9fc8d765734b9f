import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES } from "../../src/config.ts";

const read = (name: string) => readFileSync(new URL(`../../${name}`, import.meta.url), "utf8");

/** The variables named in the first column of the Markdown table under `heading`. */
function tableVariables(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no "${heading}" heading`);
  const rest = markdown.slice(start + heading.length + 2);
  const end = rest.search(/\n#{1,2} /);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` +\|/gm)].map((match) => match[1] ?? "");
}

describe("the configuration reference", () => {
  it("reads the variables from src/config.ts", () => {
    expect(CONFIG_VARIABLES).toContain("DATABASE_URL");
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(20);
  });

  it("documents every variable of src/config.ts in OPERATIONS.md, and nothing else", () => {
    const documented = tableVariables(read("OPERATIONS.md"), "## Configuration reference");
    expect([...CONFIG_VARIABLES].filter((name) => !documented.includes(name))).toEqual([]);
    expect(documented.filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
  });

  it("lists every variable in README.md's settings table", () => {
    const documented = tableVariables(read("README.md"), "## Configuration");
    expect([...CONFIG_VARIABLES].filter((name) => !documented.includes(name))).toEqual([]);
    expect(documented.filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
  });
});
