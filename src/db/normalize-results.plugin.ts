import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";

/**
 * Makes rows look the same on SQLite and PostgreSQL, by column-name convention
 * (after CamelCasePlugin has run):
 * - `…At` and `…Until` columns become `Date` (SQLite stores ISO text; pg already gives Dates);
 * - `is…`/`has…`/`…Enabled`/`…Verified` columns become booleans (SQLite gives 0/1);
 * - `…Json` columns are parsed (SQLite gives text; pg's jsonb is already parsed);
 * - bigint values (SQLite row counts) become numbers.
 * pg's int8 → string is handled by a type parser in database.ts.
 */
export class NormalizeResultsPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const { result } = args;
    return { ...result, rows: result.rows.map(normalizeRow) };
  }
}

const BOOLEAN_KEY = /^(is|has)[A-Z]|(Enabled|Verified)$/;

export function normalizeRow(row: UnknownRow): UnknownRow {
  const out: UnknownRow = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = normalizeValue(key, value);
  }
  return out;
}

function normalizeValue(key: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === "bigint") return Number(value);
  if ((key.endsWith("At") || key.endsWith("Until")) && typeof value === "string")
    return new Date(value.includes("T") ? value : `${value.replace(" ", "T")}Z`);
  if (BOOLEAN_KEY.test(key) && typeof value === "number") return value !== 0;
  if (key.endsWith("Json") && typeof value === "string") return JSON.parse(value);
  return value;
}
