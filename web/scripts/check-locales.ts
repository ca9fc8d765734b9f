/**
 * Checks the UI translations: every locale has exactly the keys of en.json, no
 * empty strings, the same {{placeholders}}, and every t("key") used in web/src exists.
 * Run: node --import tsx web/scripts/check-locales.ts
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const srcDir = join(import.meta.dirname, "..", "src");
const localeDir = join(srcDir, "locales");

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)/g)]
    .map((m) => m[1])
    .sort()
    .join(",");

const load = (file: string) => flatten(JSON.parse(readFileSync(join(localeDir, file), "utf8")) as Tree);
const english = load("en.json");
const problems: string[] = [];

for (const file of readdirSync(localeDir).filter((f) => f.endsWith(".json") && f !== "en.json")) {
  const other = load(file);
  for (const key of english.keys()) if (!other.has(key)) problems.push(`${file}: missing ${key}`);
  for (const [key, value] of other) {
    const source = english.get(key);
    if (source === undefined) problems.push(`${file}: extra key ${key}`);
    else if (!value.trim()) problems.push(`${file}: empty ${key}`);
    else if (placeholders(value) !== placeholders(source)) problems.push(`${file}: placeholders differ in ${key}`);
  }
}

const namespaces = new Set([...english.keys()].map((key) => key.split(".")[0] ?? ""));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

for (const file of sourceFiles(srcDir)) {
  const text = readFileSync(file, "utf8");
  // Any "namespace.key" string literal whose namespace is a top-level section of en.json.
  const keys = [...text.matchAll(/"([a-zA-Z]+(?:\.[\w]+)+)"/g)]
    .map((m) => m[1])
    .filter((key) => key !== undefined && namespaces.has(key.split(".")[0] ?? ""));
  // Server codes listed in lib/errors.ts are looked up as errors.<CODE>.
  if (file.endsWith("errors.ts")) keys.push(...[...text.matchAll(/^\s+"([A-Z_]+)",$/gm)].map((m) => `errors.${m[1]}`));
  for (const key of keys) if (key && !english.has(key)) problems.push(`${file}: unknown key ${key}`);
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`Locales OK: ${english.size} keys in each file.`);
