import fc from "fast-check";

/**
 * Turns the portal's own OpenAPI document into fast-check arbitraries: for each route, values
 * its JSON schemas accept, and mutations of them (wrong types, missing and extra fields, huge
 * and hostile strings, numbers at the edges, deep nesting, long arrays). Only the keywords the
 * document uses are understood (type, enum, pattern, format, min/max, items, properties,
 * required, nullable, anyOf/oneOf); anything else falls back to "any JSON value".
 */

export type JsonSchema = {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

export type Parameter = { name: string; in: "path" | "query" | "header"; required: boolean; schema: JsonSchema };

export type Operation = {
  method: string;
  /** Fastify's form of the path, `/api/accounts/:accountId/users`. */
  path: string;
  params: Parameter[];
  body?: { contentType: string; schema: JsonSchema };
};

type OpenApiDocument = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
};

/** Every operation of the document, in a stable order. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const [contentType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      operations.push({
        method: method.toUpperCase(),
        path: path.replace(/\{(\w+)\}/g, ":$1"),
        params: op.parameters ?? [],
        ...(contentType && media ? { body: { contentType, schema: media.schema } } : {}),
      });
    }
  }
  return operations;
}

const ISO_MIN = Date.UTC(1971, 0, 1);
const ISO_MAX = Date.UTC(2200, 0, 1);

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 60, Math.max(minLength, 60));
  if (schema.format === "date-time") {
    return fc.date({ min: new Date(ISO_MIN), max: new Date(ISO_MAX), noInvalidDate: true }).map((d) => d.toISOString());
  }
  if (schema.format === "email") return fc.emailAddress().filter((e) => e.length <= (schema.maxLength ?? 254));
  if (schema.pattern) {
    const re = new RegExp(schema.pattern);
    // fast-check cannot generate lookarounds: generate without them, keep what the real pattern accepts.
    const generator = new RegExp(schema.pattern.replace(/\(\?<?[=!][^)]*\)/g, ""));
    return fc
      .stringMatching(generator, { size: "small" })
      .map((s) => s.slice(0, schema.maxLength))
      .filter((s) => s.length >= minLength && re.test(s));
  }
  return fc.oneof(fc.string({ minLength, maxLength, unit: "grapheme" }), fc.string({ minLength, maxLength, unit: "binary" }));
}

/** A value the schema accepts (modulo rules the schema cannot express, such as "a real id"). */
export function validValue(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return fc.jsonValue({ maxDepth: 2 });
  let base: fc.Arbitrary<unknown>;
  if (schema.enum) base = fc.constantFrom(...schema.enum);
  else if (schema.anyOf ?? schema.oneOf) base = fc.oneof(...(schema.anyOf ?? schema.oneOf ?? []).map(validValue));
  else {
    switch (schema.type) {
      case "string":
        base = stringArbitrary(schema);
        break;
      case "integer":
        base = fc.bigInt({ min: BigInt(schema.minimum ?? -1_000_000), max: BigInt(schema.maximum ?? 1_000_000) }).map(Number);
        break;
      case "number":
        base = fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
        break;
      case "boolean":
        base = fc.boolean();
        break;
      case "array":
        base = fc.array(validValue(schema.items), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
        });
        break;
      case "object": {
        const properties = schema.properties ?? {};
        const model = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, validValue(v)]));
        base = fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
        break;
      }
      default:
        base = fc.jsonValue({ maxDepth: 2 });
    }
  }
  return schema.nullable ? fc.oneof(fc.constant(null), base) : base;
}

// ---- Hostile values ----

const LONE_SURROGATES = ["\uD800", "\uDFFF", "a\uDC00b", "\uD83D"];
const NASTY_TEXT = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u202Eevil\u202C",
  "\u200F\u200E",
  "\uFEFF",
  "😀👩‍👩‍👧‍👦🏳️‍🌈",
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
  "../../../../etc/passwd",
  "%00",
  "%",
  "' or 1=1 --",
  '"; drop table users; --',
  "<script>alert(1)</script>",
  "$" + "{7*7}",
  "__proto__",
  "constructor",
  "NaN",
  "Infinity",
  "-0",
  "1e308",
  "0x10",
  "true",
  "null",
  "\r\nX-Injected: 1",
  "\t\n\r",
  "ｆｕｌｌｗｉｄｔｈ",
  "İıßẞ",
  ...LONE_SURROGATES,
];
const EDGE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  1.5,
  -1.5,
  0.1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  1e308,
  -1e308,
  5e-324,
  Number.EPSILON,
];

/** Hostile text: control characters, bidi overrides, emoji, lone surrogates, injections, sometimes long. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY_TEXT).map((s) => s.repeat(1 + Math.floor(5000 / Math.max(1, s.length)))) },
  { weight: 1, arbitrary: fc.constantFrom(1_000, 70_000).map((n) => "x".repeat(n)) },
);

/** Values of every JSON type, including awkward ones (deep nesting, 10,000-element arrays). */
export const nastyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 3, arbitrary: fc.constantFrom<unknown>(...EDGE_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { "": "" }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(10, 300).map((depth) => nest(depth)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(1, "a", null, {}).map((item) => Array.from({ length: 10_000 }, () => item)) },
);

function nest(depth: number): unknown {
  let value: unknown = "deep";
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** Text that query strings and path segments carry (already in its raw, unencoded form). */
export const nastyParamText: fc.Arbitrary<string> = fc.oneof(
  nastyString.filter((s) => s.length < 12_000),
  fc.constantFrom("-0", "1e308", "-1e308", "NaN", "Infinity", "9007199254740993", "0x1F", "1_000", " 1", "1 ", "０"),
  fc.uuid(),
);

/** Mutates one place of a JSON value: a wrong type, a missing or extra field, a hostile value. */
export function mutateJson(value: unknown): fc.Arbitrary<unknown> {
  const slots = pathsOf(value, 4);
  return fc
    .tuple(
      fc.constantFrom(...slots),
      fc.nat(4),
      nastyJson,
      fc.constantFrom("__proto__", "constructor", "role", "isOperator", "extra"),
    )
    .map(([path, kind, hostile, extraKey]) => {
      const copy = structuredClone(value);
      const parent = path.length === 0 ? undefined : at(copy, path.slice(0, -1));
      const key = path[path.length - 1];
      if (parent === undefined || key === undefined) return kind === 0 ? undefined : hostile;
      if (kind === 0 && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[key];
      else if (kind === 1 && isObject(parent)) Object.defineProperty(parent, extraKey, { value: hostile, enumerable: true });
      else (parent as Record<string | number, unknown>)[key] = hostile;
      return copy;
    });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function pathsOf(value: unknown, depth: number, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = [prefix];
  if (depth === 0) return paths;
  if (Array.isArray(value)) {
    for (const [i, v] of value.slice(0, 3).entries()) paths.push(...pathsOf(v, depth - 1, [...prefix, i]));
  } else if (isObject(value)) for (const [k, v] of Object.entries(value)) paths.push(...pathsOf(v, depth - 1, [...prefix, k]));
  return paths;
}

function at(value: unknown, path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) current = (current as Record<string | number, unknown> | undefined)?.[key];
  return current;
}

/** Bodies that are not the JSON they claim to be, and JSON nested deeper than any parser should recurse. */
export function malformedJsonText(valid: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(valid ?? {});
  return fc.oneof(
    fc.nat(Math.max(0, text.length - 1)).map((n) => text.slice(0, n)),
    fc.constantFrom(
      `\uFEFF${text}`,
      `${text}garbage`,
      `${text}${text}`,
      text.replaceAll('"', "'"),
      '{"a":NaN}',
      '{"a":1,}',
      "{/* comment */}",
      '{"__proto__":{"isOperator":true}}',
      '{"constructor":{"prototype":{"isOperator":true}}}',
      '{"a":1,"a":2}',
      "[".repeat(10_000),
      `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`,
      `${"[".repeat(50_000)}${"]".repeat(50_000)}`,
      '"\\ud800"',
      '"\\u0000"',
      "\u0000",
      "   ",
    ),
  );
}
