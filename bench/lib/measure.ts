import http from "node:http";
import autocannon from "autocannon";
import type pg from "pg";

export interface HttpRequestSpec {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path and query, e.g. `/api/v1/cycles?limit=50`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One keep-alive connection pool for sequential requests, so latency is the server's and not TCP set-up. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** Sends one request and reads the whole body: latency is time to the last byte, as a browser would wait. */
export function httpRequest(baseUrl: string, spec: HttpRequestSpec, fresh = false): Promise<HttpResponse> {
  const url = new URL(spec.path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: spec.method ?? "GET", headers: spec.headers, agent: fresh ? false : agent }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (chunk: Buffer) => parts.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed while this process was busy (a whole-cycle floor blocks it for seconds
      // at XL) is only noticed when the request is written on it. Node's documentation gives this answer: send it
      // again once, on a new connection. Nothing reached the server, so nothing is counted twice.
      if (req.reusedSocket && !fresh && error.code === "ECONNRESET") httpRequest(baseUrl, spec, true).then(resolve, reject);
      else reject(error);
    });
    if (spec.body !== undefined) req.write(spec.body);
    req.end();
  });
}

export function closeHttpAgent(): void {
  agent.destroy();
}

export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface LatencyPlan {
  warmup: number;
  /** At most this many measured iterations of each side... */
  iterations: number;
  /** ...and no more than this long in total (at least `minIterations` are always taken). */
  budgetMs: number;
  minIterations: number;
}

/**
 * Sequential latency of Keel and its floors, one iteration of each side in turn: whatever else loads the machine at
 * that moment weighs on every side alike, so the ratios stay meaningful on a shared, noisy machine. Samples per side.
 */
export async function measureLatency<Side extends string>(sides: Record<Side, (i: number) => Promise<void>>, plan: LatencyPlan): Promise<Record<Side, number[]>> {
  const names = Object.keys(sides) as Side[];
  let i = 0;
  for (let w = 0; w < plan.warmup; w++, i++) for (const side of names) await sides[side](i);
  const samples = Object.fromEntries(names.map((side) => [side, [] as number[]])) as Record<Side, number[]>;
  const taken = () => samples[names[0]!].length;
  const started = performance.now();
  while (taken() < plan.iterations && (taken() < plan.minIterations || performance.now() - started < plan.budgetMs)) {
    for (const side of names) {
      const t0 = performance.now();
      await sides[side](i);
      samples[side].push(performance.now() - t0);
    }
    i++;
  }
  return samples;
}

export interface LoadResult {
  /** Completed (successful) operations per second. */
  throughput: number;
  completed: number;
  failed: number;
  seconds: number;
  p50: number;
  p99: number;
  failures: string[];
}

/** Keel under load: `connections` HTTP connections, each sending the next request as soon as the last one answers. */
export async function loadHttp(baseUrl: string, request: (i: number) => HttpRequestSpec, options: { connections: number; seconds: number }): Promise<LoadResult> {
  let counter = 0;
  const instance = autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.seconds,
    timeout: 60,
    requests: [
      {
        setupRequest: (req) => {
          const spec = request(counter++);
          return { ...req, method: spec.method ?? "GET", path: spec.path, headers: { ...req.headers, ...spec.headers }, body: spec.body };
        },
      },
    ],
  });
  const result = await instance;
  const failed = result.non2xx + result.errors + result.timeouts;
  const failures = Object.entries(result.statusCodeStats)
    .filter(([status]) => !status.startsWith("2"))
    .map(([status, { count }]) => `${count} × HTTP ${status}`);
  if (result.errors) failures.push(`${result.errors} connection errors`);
  if (result.timeouts) failures.push(`${result.timeouts} timeouts`);
  return {
    throughput: result["2xx"] / result.duration,
    completed: result["2xx"],
    failed,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures,
  };
}

/** `workers` loops at once, each starting its next operation as soon as its last one finished, for `seconds`. */
async function runLoops(workers: ((i: number) => Promise<unknown>)[], seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: string[] = [];
  let counter = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    workers.map(async (work) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await work(counter++);
          latencies.push(performance.now() - t0);
        } catch (error) {
          failed++;
          if (failures.length < 3) failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { throughput: latencies.length / elapsed, completed: latencies.length, failed, seconds: elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures };
}

/**
 * The SQL floor under load: as many loops as Keel gets concurrent requests, each taking a client from `pool` for each
 * operation, so the floor has the pool's connections (as many as Keel's pool) and no more, as a server would.
 */
export function loadFloor(pool: pg.Pool, run: (client: pg.PoolClient, i: number) => Promise<unknown>, options: { connections: number; seconds: number }): Promise<LoadResult> {
  const loop = async (i: number) => {
    const client = await pool.connect();
    try {
      await run(client, i);
    } finally {
      client.release();
    }
  };
  return runLoops(Array.from({ length: options.connections }, () => loop), options.seconds);
}

/**
 * Resolves once no other session of this database has been inside a statement or a transaction for a few polls in a
 * row (or after `timeoutMs`): what a load test left in flight has then finished, and `reset` cannot race it.
 */
export async function waitForQuietDatabase(pool: pg.Pool, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (let quietPolls = 0; quietPolls < 5 && performance.now() < deadline; ) {
    const { rows } = await pool.query<{ busy: number }>(
      "SELECT count(*)::int AS busy FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'",
    );
    quietPolls = rows[0]!.busy === 0 ? quietPolls + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
