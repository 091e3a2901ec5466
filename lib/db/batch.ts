import type pg from "pg";
import { pool } from "./pool";

/** A value a statement may carry: written into the SQL as a quoted literal, never as raw text. */
export type SqlValue = string | number | boolean | Date | null | readonly (string | number | boolean | null)[];

/** One SQL statement with its values already rendered as literals (see `sql`). */
export interface Statement {
  readonly text: string;
}

function quote(text: string): string {
  // With standard_conforming_strings (on since Postgres 9.1) only the quote itself needs doubling. A backslash
  // makes pg's escapeLiteral switch to E'' syntax; doing the same keeps one rule for every server setting.
  const hasBackslash = text.includes("\\");
  const body = text.replace(/'/g, "''").replace(/\\/g, "\\\\");
  return hasBackslash ? ` E'${body}'` : `'${body}'`;
}

function arrayElement(value: string | number | boolean | null): string {
  if (value === null) return "NULL";
  return `"${String(value).replace(/[\\"]/g, "\\$&")}"`;
}

/** The value as an SQL literal: a quoted string the statement casts (`${id}::uuid`), NULL, or an array literal. */
export function literal(value: SqlValue): string {
  if (value === null) return "NULL";
  if (Array.isArray(value)) return quote(`{${value.map(arrayElement).join(",")}}`);
  if (value instanceof Date) return quote(value.toISOString());
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} into SQL`);
    // Parenthesised, a minus sign cannot bind after a following cast: -1::text would be -('1'::text).
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") {
    if (value.includes("\0")) throw new Error("Text with a NUL character cannot be stored");
    return quote(value);
  }
  throw new Error(`Cannot write a ${typeof value} into SQL`);
}

/**
 * A statement whose interpolated values become quoted literals, so several statements can travel to Postgres in one
 * message (the simple query protocol takes no parameters). Every value goes through `literal`: nothing interpolated
 * is ever raw SQL. Cast where the type matters: `${ids}::uuid[]`, `${value}::numeric`.
 */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): Statement {
  let text = strings[0]!;
  values.forEach((value, i) => {
    text += literal(value) + strings[i + 1]!;
  });
  return { text };
}

/** A transaction whose statements are sent in as few round trips as the work allows. */
export interface BatchTx {
  /**
   * Sends these statements in one message and returns each one's rows. In read committed each statement still takes
   * its own snapshot, so a read placed after a `FOR UPDATE` sees every change committed before the lock was granted.
   */
  run(...statements: Statement[]): Promise<Record<string, unknown>[][]>;
  /** Sends this statement with the COMMIT, in the same message: for writes whose result nobody reads. */
  defer(statement: Statement): void;
}

/**
 * Runs `work` in one transaction on one pooled connection. BEGIN travels with the first `run`, deferred statements
 * with the COMMIT; a thrown error or a failed statement rolls everything back. Used where a request's round trips
 * are its cost (the check-in write path); everything else goes through Prisma.
 */
/**
 * Sent with BEGIN. A pooled connection must not wait without end: the pool is shared with every other request, and
 * a transaction stuck behind a lock would hold its connection. Ten seconds is far beyond any wait Keel's own writes
 * cause; past it the request fails as busy (409) and writes nothing.
 */
const OPENING = ["BEGIN", "SET LOCAL lock_timeout = '10s'", "SET LOCAL statement_timeout = '30s'"];

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
  const deferred: Statement[] = [];
  const send = async (texts: string[]): Promise<pg.QueryResult[]> => {
    const result = (await client.query(texts.join(";\n"))) as pg.QueryResult | pg.QueryResult[];
    return Array.isArray(result) ? result : [result];
  };
  const tx: BatchTx = {
    async run(...statements) {
      const texts = statements.map((s) => s.text);
      if (!begun) {
        begun = true;
        const results = await send([...OPENING, ...texts]);
        return results.slice(OPENING.length).map((r) => r.rows);
      }
      return (await send(texts)).map((r) => r.rows);
    },
    defer(statement) {
      deferred.push(statement);
    },
  };
  try {
    const result = await work(tx);
    await send([...(begun ? [] : OPENING), ...deferred.map((s) => s.text), "COMMIT"]);
    return result;
  } catch (error) {
    // A failed statement inside one message ends the rest of it (COMMIT included) and leaves the transaction
    // aborted; ROLLBACK ends it. A connection that cannot even roll back is not given back to the pool.
    await client.query("ROLLBACK").catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
