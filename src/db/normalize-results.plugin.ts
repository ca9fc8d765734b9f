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
 * - `…At`, `…Until` and `…Start` (usage buckets) columns become `Date` (SQLite stores ISO text; pg already gives Dates);
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

const Kind = { Plain: 0, Timestamp: 1, Boolean: 2, Json: 3 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

/** Column name → conversion, decided once per name: this runs for every value of every row. */
const kinds = new Map<string, Kind>();

function kindOf(key: string): Kind {
  let kind = kinds.get(key);
  if (kind === undefined) {
    if (key.endsWith("At") || key.endsWith("Until") || key.endsWith("Start")) kind = Kind.Timestamp;
    else if (BOOLEAN_KEY.test(key)) kind = Kind.Boolean;
    else if (key.endsWith("Json")) kind = Kind.Json;
    else kind = Kind.Plain;
    if (kinds.size < 10_000) kinds.set(key, kind);
  }
  return kind;
}

export function normalizeRow(row: UnknownRow): UnknownRow {
  const out: UnknownRow = {};
  for (const key in row) out[key] = normalizeValue(key, row[key]);
  return out;
}

function normalizeValue(key: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === "bigint") return Number(value);
  switch (kindOf(key)) {
    case Kind.Timestamp:
      return typeof value === "string" ? new Date(value.includes("T") ? value : `${value.replace(" ", "T")}Z`) : value;
    case Kind.Boolean:
      return typeof value === "number" ? value !== 0 : value;
    case Kind.Json:
      return typeof value === "string" ? JSON.parse(value) : value;
    default:
      return value;
  }
}
