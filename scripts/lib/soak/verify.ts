import pg from "pg";
import type { WriteKind, WriteRecord } from "./load";

export interface KindTally {
  requested: number;
  acknowledged: number;
  /** Acknowledged, yet not in the database (or not all of its rows). */
  lost: number;
  /** In the database more than once. */
  duplicated: number;
  /** Never acknowledged, and in the database: fine (the answer was lost), counted for the report. */
  landedUnacknowledged: number;
  /** Written only in part: a my-week save is all or nothing. */
  partial: number;
  /** Audit events that do not match the rows one to one. */
  auditMismatches: number;
  retried: number;
  /** Retries answered with the first attempt's stored answer: it had committed, its answer was lost. */
  replayed: number;
}

export interface JobTally {
  sent: number;
  completed: number;
  notCompleted: { id: string; state: string }[];
  retriedByQueue: number;
  deliveries: number;
  mails: number;
  duplicateMails: number;
}

export interface Verdict {
  byKind: Record<WriteKind, KindTally>;
  jobs: JobTally;
  problems: string[];
}

const empty = (): KindTally => ({ requested: 0, acknowledged: 0, lost: 0, duplicated: 0, landedUnacknowledged: 0, partial: 0, auditMismatches: 0, retried: 0, replayed: 0 });

/**
 * Checks from the database what the clients were told: every acknowledged change exactly once, nothing twice, each
 * change with exactly one audit event, and every job run to completion with its effect written once.
 */
export async function verify(url: string, writes: WriteRecord[], jobIds: string[]): Promise<Verdict> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const problems: string[] = [];
  const byKind: Record<WriteKind, KindTally> = { "api-check-in": empty(), "my-week": empty(), comment: empty() };
  try {
    const versions = await client.query<{ note: string; n: number; ids: string[] }>(
      `SELECT note, count(*)::int AS n, array_agg(DISTINCT check_in_id::text) AS ids FROM check_in_versions WHERE note LIKE 'soak-%' GROUP BY note`,
    );
    const comments = await client.query<{ note: string; n: number; ids: string[] }>(
      `SELECT body AS note, count(*)::int AS n, array_agg(id::text) AS ids FROM comments WHERE body LIKE 'soak-%' GROUP BY body`,
    );
    const audits = await client.query<{ note: string; n: number }>(`
      SELECT COALESCE(after->>'note', after->>'body') AS note, count(*)::int AS n FROM audit_events
      WHERE (entity_type = 'check_in' AND after->>'note' LIKE 'soak-%') OR (entity_type = 'comment' AND action = 'comment.created' AND after->>'body' LIKE 'soak-%')
      GROUP BY 1`);
    const keys = await client.query<{ key: string; n: number }>(
      `SELECT key, count(*)::int AS n FROM idempotency_keys WHERE key = ANY($1::text[]) GROUP BY key`,
      [writes.filter((w) => w.idempotencyKey).map((w) => w.idempotencyKey!)],
    );
    const rowsOf = new Map([...versions.rows, ...comments.rows].map((r) => [r.note, r]));
    const auditOf = new Map(audits.rows.map((r) => [r.note, r.n]));
    const keyOf = new Map(keys.rows.map((r) => [r.key, r.n]));

    for (const w of writes) {
      const t = byKind[w.kind];
      t.requested += 1;
      if (w.attempts > 1) t.retried += 1;
      if (w.acknowledged) t.acknowledged += 1;
      if (w.replayed) t.replayed += 1;
      const found = rowsOf.get(w.marker);
      const n = found?.n ?? 0;
      if (n > w.rows) {
        t.duplicated += 1;
        problems.push(`${w.kind} ${w.marker}: ${n} rows for ${w.rows} (${w.attempts} attempts)`);
      } else if (n > 0 && n < w.rows) {
        t.partial += 1;
        problems.push(`${w.kind} ${w.marker}: only ${n} of its ${w.rows} rows`);
      } else if (w.acknowledged && n === 0) {
        t.lost += 1;
        problems.push(`${w.kind} ${w.marker}: acknowledged, not in the database`);
      } else if (!w.acknowledged && n > 0) {
        t.landedUnacknowledged += 1;
      }
      if (w.acknowledged && w.returnedId && found && !found.ids.includes(w.returnedId)) {
        t.lost += 1;
        problems.push(`${w.kind} ${w.marker}: answered id ${w.returnedId}, the row is ${found.ids.join(", ")}`);
      }
      if ((auditOf.get(w.marker) ?? 0) !== n) {
        t.auditMismatches += 1;
        problems.push(`${w.kind} ${w.marker}: ${n} rows, ${auditOf.get(w.marker) ?? 0} audit events`);
      }
      if (w.idempotencyKey && w.acknowledged && keyOf.get(w.idempotencyKey) !== 1) {
        problems.push(`${w.kind} ${w.marker}: acknowledged, but its Idempotency-Key is stored ${keyOf.get(w.idempotencyKey) ?? 0} times`);
      }
    }

    const jobs = await jobTally(client, jobIds);
    for (const j of jobs.notCompleted) problems.push(`job ${j.id} ended ${j.state}, not completed`);
    if (jobs.deliveries !== jobs.mails) problems.push(`reminder claims ${jobs.deliveries} but reminder and digest mails ${jobs.mails}`);
    if (jobs.duplicateMails) problems.push(`${jobs.duplicateMails} reminder or digest mails were written twice for the same person and week`);
    return { byKind, jobs, problems };
  } finally {
    await client.end();
  }
}

async function jobTally(client: pg.Client, ids: string[]): Promise<JobTally> {
  // pg-boss keeps a job in pgboss.job, and moves it to pgboss.archive some time after it completes.
  const { rows } = await client.query<{ id: string; state: string; retry_count: number }>(
    `SELECT id::text, state::text, retry_count FROM pgboss.job WHERE id = ANY($1::uuid[])
     UNION ALL SELECT id::text, state::text, retry_count FROM pgboss.archive WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const states = new Map(rows.map((r) => [r.id, r]));
  const notCompleted = ids.filter((id) => states.get(id)?.state !== "completed").map((id) => ({ id, state: states.get(id)?.state ?? "missing" }));
  const deliveries = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM reminder_deliveries`);
  const mails = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM email_messages WHERE kind IN ('reminder', 'digest')`);
  const duplicates = await client.query<{ n: number }>(`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM email_messages WHERE kind IN ('reminder', 'digest')
      GROUP BY organization_id, "to", kind, substring(subject from '^[^:]*')
      HAVING count(*) > 1) d`);
  return {
    sent: ids.length,
    completed: ids.length - notCompleted.length,
    notCompleted,
    retriedByQueue: rows.filter((r) => r.retry_count > 0).length,
    deliveries: deliveries.rows[0]!.n,
    mails: mails.rows[0]!.n,
    duplicateMails: duplicates.rows[0]!.n,
  };
}

/** Jobs not yet finished (created, retry or active) among these. */
export async function pendingJobs(url: string, ids: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE id = ANY($1::uuid[]) AND state IN ('created', 'retry', 'active')`, [ids]);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}
