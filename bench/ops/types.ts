import type { Browser } from "@playwright/test";
import type pg from "pg";
import type { FloorActor } from "../floor/actor";
import type { Manifest, ManifestUser } from "../lib/manifest";
import type { HttpRequestSpec, HttpResponse } from "../lib/measure";
import type { Size, SizeName } from "../sizes";

/** What an operation gets to prepare its measurement: the running app, the bench database and the manifest. */
export interface BenchContext {
  size: Size;
  manifest: Manifest;
  /** The production server under test, e.g. http://127.0.0.1:41234. */
  baseUrl: string;
  /** The bench database, for arranging rows and for `reset`; measurements get their own dedicated clients. */
  pool: pg.Pool;
  /** A `Cookie` header value that signs requests in as this user. */
  cookieHeader(user: ManifestUser): Promise<string>;
  sessionCookie(user: ManifestUser): Promise<{ name: string; value: string }>;
  /** One request to the app outside the measurement (to look up an id, or to check an answer). */
  request(spec: HttpRequestSpec): Promise<HttpResponse>;
  /** Chromium, launched on first use and shared by every page op of the run. */
  browser(): Promise<Browser>;
}

/**
 * Keel's side of a comparison, called once per iteration with a growing `i` so that writes can touch other rows
 * each time: an HTTP request to the running server, which load tests replay.
 */
export type KeelSide = { request: (i: number) => HttpRequestSpec; expectStatus?: number };

/** A pool or one of its clients: what a floor's query runs on. */
export type Queryable = Pick<pg.ClientBase, "query">;

/**
 * What a floor is asked, the same for both floors: who asks (the HTTP floor learns it from the session cookie and the
 * member lookup, as Keel does; the SQL floor is told), and the op's parameters (a query string) and body.
 */
export interface FloorRequest {
  orgId: string;
  userId: string;
  timeZone: string;
  /** The version the session cookie carries (the HTTP floor has checked it in the lookup). */
  sessionVersion: number;
  /** What the member lookup returned: the HTTP floor's, or null on the SQL floor, which is told who asks instead. */
  actor: FloorActor | null;
  params: URLSearchParams;
  body: string | null;
}

/** The floor's answer: JSON text, as Keel's API would send it (pages: the data the page renders, as JSON). */
export interface FloorAnswer {
  status: number;
  json: string;
}

export type FloorSide = "sql" | "http";

export interface Comparison {
  keel: KeelSide;
  /** Who the floors act as: the person Keel's request signs in as. */
  user: ManifestUser;
  /**
   * The i-th request to the floors: the parameters and body `serve` reads. The SQL floor calls `serve` with them on
   * a client of its own; the HTTP floor server gets them as `<method> /<op id>?<params>` with the user's cookie.
   */
  floor: (i: number, side: FloorSide) => { method?: "GET" | "POST"; params?: Record<string, string>; body?: string };
  /**
   * Run once before measuring, with Keel's answer for i = 0 and each floor's (as JSON text): throw if they are not the
   * same data.
   */
  verify?: (keel: HttpResponse, floor: string) => void;
  /** Undoes what the op wrote; called after each phase (and before load tests) so every phase starts alike. */
  reset?: () => Promise<void>;
}

interface OpBase {
  /** Kebab-case, for `--only`. */
  id: string;
  /** As printed in the table. */
  name: string;
  kind: "read" | "write";
  description: string;
  /** Sizes the op makes sense at; all when absent. */
  sizes?: SizeName[];
}

/** Keel's ratio to one floor that the op must meet: latency at most, throughput at least. */
export interface RatioTarget {
  /** Keel p50 and p95 latency each at most this many times the floor's. */
  latencyRatio?: number;
  /** Keel's throughput under load at least this share of the floor's. */
  throughputRatio?: number;
}

/**
 * Keel against two floors: the SQL floor (the op's query through pg in the benchmark's process) and the HTTP floor
 * (bench/floor/server.ts: the same query behind a plain node:http server that decodes the session cookie and runs
 * Keel's member lookup first). Sequential latency, and throughput under load when `concurrent`.
 */
export interface CompareOp extends OpBase {
  mode: "compare";
  /** Also measure throughput with many connections at once (autocannon for Keel and the HTTP floor, pg loops for the SQL floor). */
  concurrent?: boolean;
  targets: { http?: RatioTarget; sql?: RatioTarget };
  /**
   * The floor's own work, shared by both floors so they can never drift apart: one statement (a read: plus the JSON
   * encoding where Postgres does not write it), or one transaction sent as one message (a write).
   */
  serve(db: Queryable, request: FloorRequest): Promise<FloorAnswer>;
  prepare(ctx: BenchContext): Promise<Comparison>;
}

export interface PageTarget {
  url: string;
  /** Who looks at the page; null for a signed-out visit. */
  user: ManifestUser | null;
  /** What the person waits for, e.g. `[data-testid="tree-node"]`. */
  selector: string;
  /** Judge every long task since navigation, not only those after the element (see `measurePage`). */
  longTasksSinceNavigation?: boolean;
  /** Throw if the page did not show what it should (e.g. too few elements). */
  verify?: (matchedElements: number) => void;
}

/** A page in Chromium: time to the selector's first element, and the long tasks after it. */
export interface PageOp extends OpBase {
  mode: "page";
  /** The first element's p50 at most `firstElementMs`; no run's longest task over `longTaskMs`. */
  targets: { firstElementMs?: number; longTaskMs?: number };
  prepare(ctx: BenchContext): Promise<PageTarget>;
}

export type BenchOp = CompareOp | PageOp;

/** The targets of issue 14 ("Performance"), shared so every op states them the same way. Never loosened. */
export const TARGETS = {
  read: { http: { latencyRatio: 1.5 } },
  /** The whole-cycle reads (tree data, review) also stay close to their query alone. */
  wholeCycleRead: { http: { latencyRatio: 1.5 }, sql: { latencyRatio: 1.3 } },
  checkInThroughput: { http: { throughputRatio: 0.7 }, sql: { throughputRatio: 0.4 } },
  page: { firstElementMs: 1000, longTaskMs: 100 },
  /** The server's peak resident memory over the whole run, in MB. */
  peakRssMb: 350,
} as const;
