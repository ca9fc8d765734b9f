import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  RawNode,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from "kysely";
import { BACKSTOP_AUTOCHECKPOINT_PAGES, type Checkpointer, startCheckpointer } from "./sqlite-checkpointer.ts";
import { openSqlite, type SqliteForKysely } from "./sqlite-database.ts";

/**
 * SQLite with one writer connection and one reader connection (WAL allows both).
 *
 * Kysely's own SqliteDriver has a single connection behind a mutex, so a read had to
 * wait for any open transaction to finish, e.g. a Better Auth sign-up (BEGIN, SELECT,
 * INSERT user, INSERT account, COMMIT, with adapter code between: ~4 ms). Here reads
 * outside a transaction go to the reader and never wait; transactions and writes take
 * the writer and serialize as before. Reads see the last committed state, which is
 * what a read outside a transaction sees on PostgreSQL too.
 */
export class SqliteReadWriteDialect implements Dialect {
  private driver: ReadWriteDriver | undefined;

  constructor(private readonly file: string) {}

  createDriver(): Driver {
    this.driver = new ReadWriteDriver(this.file);
    return this.driver;
  }

  /**
   * The raw connections, for a hot path that runs prepared statements synchronously.
   * The reader may be used at any time (it only sees committed data). The writer may
   * be used ONLY inside a Kysely transaction's callback: that transaction holds the
   * writer lock, so the statements become part of it and nothing else interleaves.
   */
  connections(): { writer: SqliteForKysely; reader: SqliteForKysely | undefined } {
    if (!this.driver) throw new Error("SQLite dialect used before its driver was created");
    return this.driver.connections();
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

function isRead(query: CompiledQuery): boolean {
  if (SelectQueryNode.is(query.query)) return true;
  return RawNode.is(query.query) && /^\s*select\b/i.test(query.sql);
}

function run(db: SqliteForKysely, { sql, parameters }: CompiledQuery): QueryResult<unknown> {
  const statement = db.prepare(sql);
  if (statement.reader) return { rows: statement.all(parameters) };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

class Mutex {
  private tail = Promise.resolve();
  /** Resolves with the function that releases the lock. */
  lock(): Promise<() => void> {
    let release: () => void = () => {};
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return acquired;
  }
}

class RoutedConnection implements DatabaseConnection {
  /** Set while this connection holds the writer for a transaction. */
  releaseWriter: (() => void) | undefined;

  constructor(private readonly driver: ReadWriteDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { writer, reader } = this.driver.connections();
    if (this.releaseWriter) return run(writer, query) as QueryResult<R>;
    if (reader && isRead(query)) return run(reader, query) as QueryResult<R>;
    const release = await this.driver.writerLock.lock();
    try {
      return run(writer, query) as QueryResult<R>;
    } finally {
      release();
    }
  }

  // biome-ignore lint/correctness/useYield: streaming is not supported, as with Kysely's driver for non-selects
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("Streaming is not supported by this SQLite driver");
  }
}

class ReadWriteDriver implements Driver {
  readonly writerLock = new Mutex();
  private writer: SqliteForKysely | undefined;
  private reader: SqliteForKysely | undefined;
  private checkpointer: Checkpointer | undefined;

  constructor(private readonly file: string) {}

  async init(): Promise<void> {
    this.writer = openSqlite(this.file);
    // An in-memory database is private to its connection: no reader then.
    if (this.file !== ":memory:") {
      this.reader = openSqlite(this.file, { readonly: true });
      this.writer.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
      this.checkpointer = startCheckpointer(this.file);
    }
  }

  connections() {
    if (!this.writer) throw new Error("SQLite driver used before init()");
    return { writer: this.writer, reader: this.reader };
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const routed = connection as RoutedConnection;
    const release = await this.writerLock.lock();
    try {
      // IMMEDIATE takes SQLite's write lock now, so another process (the CLI) cannot
      // make this transaction fail later when it upgrades from reading to writing.
      run(this.connections().writer, CompiledQuery.raw("begin immediate"));
      routed.releaseWriter = release;
    } catch (error) {
      release();
      throw error;
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    run(this.connections().writer, CompiledQuery.raw("commit"));
    this.finish(connection as RoutedConnection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      run(this.connections().writer, CompiledQuery.raw("rollback"));
    } catch (error) {
      // After some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM) SQLite has already rolled
      // the transaction back itself; the ROLLBACK's own "no transaction is active" must not
      // replace the error that caused it (test/faults/disk-full.test.ts).
      if (!(error instanceof Error && /no transaction is active/.test(error.message))) throw error;
    } finally {
      this.finish(connection as RoutedConnection);
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // Only reached with the writer still held if a transaction was abandoned.
    this.finish(connection as RoutedConnection);
  }

  async destroy(): Promise<void> {
    await this.checkpointer?.stop();
    this.reader?.close();
    this.writer?.close();
  }

  private finish(connection: RoutedConnection): void {
    const release = connection.releaseWriter;
    connection.releaseWriter = undefined;
    release?.();
  }
}
