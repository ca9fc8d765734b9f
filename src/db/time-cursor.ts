import { AppError } from "../server/errors.ts";

/**
 * The page cursor of lists paged newest first on (timestamp, id): opaque to clients
 * (base64url of `[at, id]`), checked on the way in. A cursor that does not decode is
 * the client's mistake: 400, and the message says what to do.
 */
export type TimeCursor = { at: string; id: string };

const badCursor = () => new AppError(400, "VALIDATION_FAILED", "The page cursor is not valid; start from the first page.");

export function decodeTimeCursor(raw: string | undefined): TimeCursor | null {
  if (!raw) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown[];
    if (typeof at === "string" && typeof id === "string" && !Number.isNaN(Date.parse(at))) return { at, id };
  } catch {
    // fall through
  }
  throw badCursor();
}

export const encodeTimeCursor = (c: TimeCursor) => Buffer.from(JSON.stringify([c.at, c.id])).toString("base64url");
