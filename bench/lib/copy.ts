import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type Cell = string | number | boolean | Date | null | readonly string[];

/** A value in COPY's text format: \N for null, ISO instants, Postgres array literals, and the four escapes. */
export function cell(value: Cell): string {
  if (value === null) return "\\N";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return escapeText(`{${value.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`);
  return escapeText(value as string);
}

function escapeText(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : text;
}

/** YYYY-MM-DD for `date` columns. */
export function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const CHUNK = 256 * 1024;

/** Rows become text lines, gathered into chunks of about 256 kB: streamed, never all in memory at once. */
async function* chunks(rows: Iterable<Cell[]>): AsyncGenerator<string> {
  let buffer = "";
  for (const row of rows) {
    buffer += row.map(cell).join("\t") + "\n";
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer) yield buffer;
}

/**
 * Loads one table with COPY ... FREEZE. FREEZE needs the table emptied in the same transaction; in return the rows
 * arrive already frozen and visible, so the first benchmark reads do not pay for setting hint bits.
 */
export async function copyRows(client: pg.Client, table: string, columns: readonly string[], rows: Iterable<Cell[]>): Promise<number> {
  let count = 0;
  const counted = function* () {
    for (const row of rows) {
      count++;
      yield row;
    }
  };
  await client.query("BEGIN");
  try {
    await client.query(`TRUNCATE ${table}`);
    const stream = client.query(copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN WITH (FREEZE)`));
    await pipeline(Readable.from(chunks(counted())), stream);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return count;
}

export interface DeferredSchema {
  indexes: { name: string; table: string; definition: string }[];
  foreignKeys: { name: string; table: string; definition: string }[];
}

/**
 * Drops the secondary indexes and the foreign keys, remembering their exact definitions: building an index once
 * over loaded rows is much faster than maintaining it row by row, and a foreign key checked once in bulk is much
 * faster than a trigger per row. Primary keys stay, so a duplicate id still fails the load.
 */
export async function deferIndexesAndForeignKeys(client: pg.Client): Promise<DeferredSchema> {
  const indexes = await client.query<{ name: string; table: string; definition: string }>(
    `SELECT i.indexname AS name, i.tablename AS table, i.indexdef AS definition
       FROM pg_indexes i
      WHERE i.schemaname = 'public'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = 'public'::regnamespace)
      ORDER BY i.indexname`,
  );
  const foreignKeys = await client.query<{ name: string; table: string; definition: string }>(
    `SELECT conname AS name, conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE contype = 'f' AND connamespace = 'public'::regnamespace
      ORDER BY conname`,
  );
  for (const fk of foreignKeys.rows) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
  for (const index of indexes.rows) await client.query(`DROP INDEX "${index.name}"`);
  return { indexes: indexes.rows, foreignKeys: foreignKeys.rows };
}

/** Rebuilds the indexes (on `clients.length` connections at once), then adds the foreign keys back, validated. */
export async function restoreIndexesAndForeignKeys(clients: pg.Client[], deferred: DeferredSchema): Promise<void> {
  const queue = [...deferred.indexes];
  await Promise.all(
    clients.map(async (client) => {
      await client.query("SET maintenance_work_mem = '256MB'");
      for (let index = queue.shift(); index; index = queue.shift()) await client.query(index.definition);
    }),
  );
  const [first] = clients;
  if (!first) throw new Error("no connection to add the foreign keys on");
  for (const fk of deferred.foreignKeys) await first.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.definition}`);
}
