import type pg from "pg";
import { pool } from "./pool";
import { usesPgBouncer } from "./pool-options";

/** A value a statement may carry: sent as a bind parameter, never written into the SQL text. */
export type SqlValue = string | number | boolean | Date | null | readonly (string | number | boolean | null)[];

/** One parameterised SQL statement (see `sql` and `statement`). */
export interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
  /** A prepared statement's name: parsed and planned once per connection (never behind PgBouncer; see `statement`). */
  readonly name?: string;
}

function checked(value: SqlValue): SqlValue {
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`Cannot send ${value} to Postgres`);
  if (typeof value === "string" && value.includes("\0")) throw new Error("Text with a NUL character cannot be stored");
  if (Array.isArray(value)) value.forEach((element) => checked(element as SqlValue));
  return value;
}

/**
 * A statement whose interpolated values become bind parameters ($1, $2, ...): the text Postgres parses never contains
 * a value. Cast where the type matters: `${ids}::uuid[]`, `${value}::numeric`. NaN, Infinity and text with NUL are
 * refused here, before anything is sent: pg would send NaN as a number Postgres accepts, and NUL as an error.
 */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): Statement {
  let text = strings[0]!;
  values.forEach((value, i) => {
    checked(value);
    text += `$${i + 1}${strings[i + 1]!}`;
  });
  return { text, values };
}

/**
 * A fixed statement with numbered parameters ($1, $2, ...), for long statements that use a value in several places.
 * With a name it is prepared once per connection and only bound and executed after that, except behind PgBouncer in
 * transaction mode (KEEL_PGBOUNCER=1), where the next transaction may run on a server connection that never saw it.
 */
export function statement(text: string, values: readonly SqlValue[], name?: string): Statement {
  values.forEach(checked);
  return name && !BEHIND_PGBOUNCER ? { text, values, name } : { text, values };
}

const BEHIND_PGBOUNCER = usesPgBouncer();

type Sendable = Statement | string;

interface PipelinedClient {
  pipeline: boolean;
  connection: { stream: { cork?: () => void; uncork?: () => void } };
}

/**
 * Sends every statement at once on this client and waits for all of them: pg's pipeline mode (each statement parsed,
 * bound and executed with a Sync of its own, in the extended protocol), corked into one write. Postgres runs them in
 * order; a failed one does not skip the rest, but inside a transaction it aborts it, so the later ones fail too and a
 * COMMIT becomes a ROLLBACK. Returns the results in order, or throws the first failure.
 */
async function pipeline(client: pg.PoolClient, items: readonly Sendable[]): Promise<pg.QueryResult[]> {
  const piped = client as unknown as PipelinedClient;
  const stream = piped.connection.stream;
  piped.pipeline = true;
  let pending: Promise<pg.QueryResult>[];
  stream.cork?.();
  try {
    pending = items.map((item) =>
      typeof item === "string" ? client.query(item) : client.query({ text: item.text, values: item.values as unknown[], ...(item.name ? { name: item.name } : {}) }),
    );
  } finally {
    stream.uncork?.();
  }
  const settled = await Promise.allSettled(pending);
  // Every answer is in; from here the client queues queries one at a time again, as the rest of Keel expects.
  piped.pipeline = false;
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<pg.QueryResult>).value);
}

/** A transaction whose statements travel to Postgres in as few messages as the work allows. */
export interface BatchTx {
  /**
   * Sends these statements in one message (with BEGIN, if first) and returns each one's rows. In read committed each
   * statement takes its own snapshot, so a read placed after a `FOR UPDATE` sees every change committed before the
   * lock was granted.
   */
  run(...statements: Statement[]): Promise<Record<string, unknown>[][]>;
  /**
   * The work's last message: these statements, then the deferred ones and COMMIT, all in one message (with BEGIN, if
   * first). Only for work that owns its transaction; nothing may be sent after it.
   */
  runAndCommit(...statements: Statement[]): Promise<Record<string, unknown>[][]>;
  /** Sends this statement with the COMMIT, in the same message: for writes whose result nobody reads. */
  defer(statement: Statement): void;
}

/**
 * Sent first. A pooled connection must not wait without end: the pool is shared with every other request, and a
 * transaction stuck behind a lock would hold its connection. Ten seconds is far beyond any wait Keel's own writes
 * cause; past it the request fails as busy (409) and writes nothing.
 */
const OPENING = ["BEGIN", "SELECT set_config('lock_timeout', '10s', true), set_config('statement_timeout', '30s', true)"];

/**
 * Runs `work` in one transaction on one pooled connection. BEGIN travels with the first message, deferred statements
 * with the COMMIT; a thrown error or a failed statement rolls everything back. Used where a request's round trips
 * are its cost (the check-in write path); everything else goes through Prisma.
 */
export async function batchTransaction<T>(work: (tx: BatchTx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A checked-out client is no longer watched by the pool's idle listener: a dropped connection (Postgres restarting,
  // a network blip) between two statements would otherwise be an unhandled 'error' event and end the process. The
  // failure still reaches the awaiting query; the connection is then not given back (see `broken`).
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken ??= error;
  };
  client.on("error", onError);
  let begun = false;
  let committed = false;
  const deferred: Statement[] = [];
  const send = async (items: Sendable[]): Promise<pg.QueryResult[]> => {
    if (committed) throw new Error("This transaction is already committed");
    const opening = begun ? [] : OPENING;
    begun = true;
    const results = await pipeline(client, [...opening, ...items]);
    return results.slice(opening.length);
  };
  const commit = async (statements: Statement[]): Promise<pg.QueryResult[]> => {
    const results = await send([...statements, ...deferred, "COMMIT"]);
    committed = true;
    // A transaction that failed answers COMMIT with ROLLBACK; the failure itself was thrown above, so this is a guard.
    if (results[results.length - 1]?.command !== "COMMIT") throw new Error("The transaction was rolled back");
    return results.slice(0, statements.length);
  };
  const tx: BatchTx = {
    async run(...statements) {
      return (await send(statements)).map((r) => r.rows);
    },
    async runAndCommit(...statements) {
      return (await commit(statements)).map((r) => r.rows);
    },
    defer(statement) {
      if (committed) throw new Error("This transaction is already committed");
      deferred.push(statement);
    },
  };
  try {
    const result = await work(tx);
    if (!committed && (begun || deferred.length)) await commit([]);
    return result;
  } catch (error) {
    // A failed statement aborts the transaction; ROLLBACK ends it (a no-op if the failed message's COMMIT already
    // did). A connection that cannot even roll back is not given back to the pool.
    if (begun && !committed) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
    }
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
