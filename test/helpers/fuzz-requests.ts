import fc from "fast-check";
import type { InjectOptions } from "fastify";
import {
  malformedJsonText,
  mutateJson,
  nastyJson,
  nastyParamText,
  nastyString,
  type Operation,
  type Parameter,
  validValue,
} from "./openapi-arbitraries.ts";

/**
 * Requests for one route, built from its OpenAPI schemas: first a valid request (real ids from
 * the fixture, values its schemas accept), then, most of the time, one mutation of one part of
 * it: the body, the raw JSON text, the content type, the query, a path id, a header or the method.
 */

export type FuzzContext = {
  /** Real ids for each path parameter name (`accountId`, `keyId`…); other names get random text. */
  ids: Record<string, string[]>;
  /** The headers the route's natural caller sends (cookie and origin, or a farm's bearer credential). */
  callerHeaders(op: Operation): Record<string, string>;
  /** Headers of someone else (another person's cookie, a farm credential), for swaps. */
  otherCallers: Array<Record<string, string>>;
};

export type FuzzRequest = { mutation: string; options: InjectOptions };

/** URL-encodes; lone surrogates (which no URL can carry) become U+FFFD as a browser would send them. */
const enc = (s: string) =>
  encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));

/** Text an HTTP header can carry (Node refuses the rest before Fastify sees it). */
const headerText = nastyString.map((s) => s.replace(/[^\x20-\x7E\x80-\xFF]/g, "?").slice(0, 8_000));

const CONTENT_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "application/json; charset=latin1",
  "application/vnd.api+json",
  "application/octet-stream",
  "application/json, text/html",
  "a/b/c",
  ";",
  "",
];
const ACCEPTS = ["text/html", "application/xml", "*/*;q=0", "application/problem+json", "image/png", ",,,", "text/csv"];
const BAD_PATH_SEGMENTS = ["%", "%zz", "%E0%A4%A", "%C0%AE", "..", "%2e%2e", "%2F", "%00", "%20", "x".repeat(10_000)];
const BAD_QUERIES = ["%zz=1", "a=%", "&&&", "=", "__proto__[isOperator]=1", "constructor[prototype][x]=1", "q[]=1&q[]=2"];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function pathOf(op: Operation, values: Record<string, string>, raw: Record<string, string> = {}): string {
  return op.path.replace(/:(\w+)/g, (_, name: string) => raw[name] ?? enc(values[name] ?? ""));
}

function queryOf(entries: Array<[string, string]>, raw: string[] = []): string {
  const parts = [...entries.map(([k, v]) => `${enc(k)}=${enc(v)}`), ...raw];
  return parts.length === 0 ? "" : `?${parts.join("&")}`;
}

const asParamText = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** Every request for `op`: valid ones and, with the given weight, mutated ones. */
export function fuzzRequest(op: Operation, context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.params.filter((p) => p.in === "path");
  const queryParams = op.params.filter((p) => p.in === "query");
  const headerParams = op.params.filter((p) => p.in === "header");
  const idArb = (p: Parameter) => {
    const known = context.ids[p.name] ?? [];
    return known.length > 0 ? fc.constantFrom(...known) : validValue(p.schema).map(asParamText);
  };
  const optional = (p: Parameter, arb: fc.Arbitrary<string>) => (p.required ? arb : fc.option(arb, { nil: undefined }));

  const valid = fc.record({
    path: fc.tuple(...pathParams.map(idArb)),
    query: fc.tuple(...queryParams.map((p) => optional(p, validValue(p.schema).map(asParamText)))),
    headers: fc.tuple(...headerParams.map((p) => optional(p, validHeader(p)))),
    body: op.body
      ? op.body.contentType === "application/json"
        ? validValue(op.body.schema)
        : fc.uint8Array({ maxLength: 64 })
      : fc.constant(undefined),
  });

  return valid.chain((v) => {
    const pathValues = Object.fromEntries(pathParams.map((p, i) => [p.name, v.path[i] ?? ""]));
    const query: Array<[string, string]> = [];
    queryParams.forEach((p, i) => {
      const value = v.query[i];
      if (value !== undefined) query.push([p.name, value]);
    });
    const headers: Record<string, string> = { ...context.callerHeaders(op) };
    headerParams.forEach((p, i) => {
      const value = v.headers[i];
      if (value !== undefined) headers[p.name] = value;
    });
    const isJson = op.body?.contentType === "application/json";
    const payload = v.body === undefined ? undefined : isJson ? JSON.stringify(v.body) : Buffer.from(v.body as Uint8Array);
    if (op.body) headers["content-type"] = op.body.contentType;
    const build = (
      mutation: string,
      over: Partial<{ url: string; method: string; headers: Record<string, string>; payload: string | Buffer | undefined }>,
    ): FuzzRequest => {
      const finalHeaders = over.headers ?? headers;
      const finalPayload = "payload" in over ? over.payload : payload;
      return {
        mutation,
        options: {
          method: (over.method ?? op.method) as InjectOptions["method"],
          url: over.url ?? pathOf(op, pathValues) + queryOf(query),
          headers: finalHeaders,
          ...(finalPayload === undefined ? {} : { payload: finalPayload }),
        },
      };
    };

    const mutations: Array<fc.WeightedArbitrary<FuzzRequest>> = [
      { weight: 2, arbitrary: fc.constant(build("valid", {})) },
      {
        weight: 2,
        arbitrary: fc.oneof(...pathParams.map((p) => fc.constant(p)), fc.constant(undefined)).chain((p) =>
          p === undefined
            ? fc.constant(build("valid", {}))
            : fc.oneof(
                nastyParamText.map((text) =>
                  build(`path ${p.name}=${text.slice(0, 40)}`, {
                    url: pathOf(op, { ...pathValues, [p.name]: text }) + queryOf(query),
                  }),
                ),
                fc.constantFrom(...BAD_PATH_SEGMENTS).map((raw) =>
                  build(`raw path ${p.name}=${raw.slice(0, 40)}`, {
                    url: pathOf(op, pathValues, { [p.name]: raw }) + queryOf(query),
                  }),
                ),
                fc
                  .constantFrom(...Object.values(context.ids).flat())
                  .map((other) =>
                    build(`path ${p.name}=other id`, { url: pathOf(op, { ...pathValues, [p.name]: other }) + queryOf(query) }),
                  ),
              ),
        ),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(
            fc.option(fc.constantFrom(...queryParams.map((p) => p.name), "unknown", "limit", "q")),
            nastyParamText,
            fc.constantFrom(...BAD_QUERIES),
            fc.boolean(),
          )
          .map(([name, text, raw, duplicate]) =>
            name === null
              ? build(`raw query ${raw}`, { url: pathOf(op, pathValues) + queryOf(query, [raw]) })
              : build(`query ${name}=${text.slice(0, 40)}${duplicate ? " (twice)" : ""}`, {
                  url: pathOf(op, pathValues) + queryOf([...query.filter(([k]) => duplicate || k !== name), [name, text]]),
                }),
          ),
      },
      {
        weight: 2,
        arbitrary: headerMutation(headers, context).map(([mutation, h]) => build(mutation, { headers: h })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(...METHODS.filter((m) => m !== op.method))
          .map((method) => build(`method ${method}`, { method })),
      },
    ];
    if (op.body && isJson) {
      mutations.push(
        {
          weight: 4,
          arbitrary: mutateJson(v.body).map((b) =>
            build("body field", { payload: b === undefined ? undefined : JSON.stringify(b) }),
          ),
        },
        { weight: 1, arbitrary: nastyJson.map((b) => build("body replaced", { payload: JSON.stringify(b) })) },
        {
          weight: 2,
          arbitrary: malformedJsonText(v.body).map((text) => build(`malformed json ${text.slice(0, 30)}`, { payload: text })),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom(...CONTENT_TYPES, undefined).map((type) => {
            const h = { ...headers };
            if (type === undefined) delete h["content-type"];
            else h["content-type"] = type;
            return build(`content-type ${type}`, { headers: h });
          }),
        },
      );
    } else if (op.body) {
      mutations.push({
        weight: 2,
        arbitrary: fc.constantFrom("application/json", "text/plain", undefined).map((type) => {
          const h = { ...headers };
          if (type === undefined) delete h["content-type"];
          else h["content-type"] = type;
          return build(`content-type ${type}`, { headers: h, payload: type === "application/json" ? '{"a":1}' : payload });
        }),
      });
    } else {
      mutations.push({
        weight: 1,
        arbitrary: nastyJson.map((b) =>
          build("unexpected body", { payload: JSON.stringify(b), headers: { ...headers, "content-type": "application/json" } }),
        ),
      });
    }
    return fc.oneof(...mutations);
  });
}

function validHeader(p: Parameter): fc.Arbitrary<string> {
  if (p.name === "idempotency-key") return fc.uuid();
  return validValue(p.schema).map(asParamText);
}

/** Drops, replaces or corrupts one header: cookie, origin, accept, authorization, idempotency-key, range… */
function headerMutation(headers: Record<string, string>, context: FuzzContext): fc.Arbitrary<[string, Record<string, string>]> {
  const without = (name: string) => {
    const h = { ...headers };
    delete h[name];
    return h;
  };
  return fc.oneof(
    fc.constant<[string, Record<string, string>]>(["no cookie", without("cookie")]),
    fc.constant<[string, Record<string, string>]>(["no origin", without("origin")]),
    fc
      .constantFrom(...context.otherCallers)
      .map((other): [string, Record<string, string>] => ["other caller", { ...headers, ...other }]),
    fc
      .tuple(
        fc.constantFrom(
          "cookie",
          "origin",
          "accept",
          "authorization",
          "idempotency-key",
          "range",
          "x-request-id",
          "sec-fetch-site",
          "accept-language",
          "if-none-match",
        ),
        headerText,
      )
      .map(([name, text]): [string, Record<string, string>] => [
        `header ${name}=${text.slice(0, 30)}`,
        { ...headers, [name]: text },
      ]),
    fc.constantFrom(...ACCEPTS).map((accept): [string, Record<string, string>] => [`accept ${accept}`, { ...headers, accept }]),
    fc
      .constantFrom(
        "bytes=0-0",
        "bytes=5-1",
        "bytes=-0",
        "bytes=999999999999-",
        "bytes=0-1,2-3,4-5",
        "bytes=abc",
        "lines=1-2",
        "bytes=",
      )
      .map((range): [string, Record<string, string>] => [`range ${range}`, { ...headers, range }]),
    fc
      .constantFrom(
        "better-auth.session_token=forged.value",
        "better-auth.session_token=",
        "a=b; a=c",
        "=;=;",
        `better-auth.session_token=${"x".repeat(5000)}`,
      )
      .map((cookie): [string, Record<string, string>] => [`cookie ${cookie.slice(0, 30)}`, { ...headers, cookie }]),
  );
}
