import type { Kysely } from "kysely";
import { columnTypes, engineOf } from "../column-types.ts";

/**
 * Downloads: files kept by the file storage (src/storage), and the releases operators
 * publish (product × version × platform, one file each). `stored_files` is generic on
 * purpose: support-ticket attachments will be rows of it too, with their own `purpose`.
 * See ARCHITECTURE.md, "Downloads and documentation".
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(engineOf(db));

  // One row per blob in the storage. The storage key is random (never a user's file name),
  // and the SHA-256 was computed while the bytes streamed in.
  await db.schema
    .createTable("stored_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("storage_key", "text", (c) => c.notNull().unique())
    // bigint: files may pass 2^31 bytes.
    .addColumn("byte_size", "bigint", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    // release | (later) attachment
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("uploaded_by_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("releases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
    .addColumn("version", "text", (c) => c.notNull())
    // A label such as "Windows x64" or "Linux (deb)".
    .addColumn("platform", "text", (c) => c.notNull())
    // The name the download is saved under (Content-Disposition).
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull())
    // Null until the operator uploads the file; a published release always has one.
    .addColumn("file_id", "text", (c) => c.references("stored_files.id"))
    // draft | published
    .addColumn("status", "text", (c) => c.notNull())
    // First publication: the "released" date customers see (unpublish and publish again keeps it).
    .addColumn("released_at", t.timestamp)
    .addColumn("created_by_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("releases_product_version_platform_unique", ["product_id", "version", "platform"])
    .execute();
  // Customers' list: the published releases of the products their account holds.
  await db.schema.createIndex("releases_status_product_idx").on("releases").columns(["status", "product_id"]).execute();
  await db.schema.createIndex("releases_file_idx").on("releases").columns(["file_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("releases").execute();
  await db.schema.dropTable("stored_files").execute();
}
