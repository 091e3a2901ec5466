import type { Browser } from "@playwright/test";
import type pg from "pg";
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
 * each time: an HTTP request to the running server (which load tests can replay), or a direct call.
 */
export type KeelSide = { request: (i: number) => HttpRequestSpec; expectStatus?: number } | { call: (i: number) => Promise<unknown> };

export interface Comparison {
  keel: KeelSide;
  /**
   * The floor: the same data read by one hand-written SQL query plus JSON.stringify (reads), or the same rows
   * written by plain pg in one transaction (writes), on a client of its own. Returns what it read or wrote.
   */
  floor: (client: pg.PoolClient, i: number) => Promise<unknown>;
  /** Run once before measuring, with Keel's answer for i = 0 and the floor's: throw if they are not the same data. */
  verify?: (keel: HttpResponse | unknown, floor: unknown) => void;
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

/** Keel against its floor: sequential latency, and throughput under load when `concurrent`. */
export interface CompareOp extends OpBase {
  mode: "compare";
  /** Also measure throughput with many connections at once (autocannon for Keel, a pool of pg clients for the floor). */
  concurrent?: boolean;
  targets: {
    /** Keel p50 and p95 latency each at most this many times the floor's. */
    latencyRatio?: number;
    /** Keel's throughput under load at least this share of the floor's. */
    throughputRatio?: number;
  };
  prepare(ctx: BenchContext): Promise<Comparison>;
}

export interface PageTarget {
  url: string;
  /** Who looks at the page; null for a signed-out visit. */
  user: ManifestUser | null;
  /** What the person waits for, e.g. `[data-testid="tree-node"]`. */
  selector: string;
  /** Throw if the page did not show what it should (e.g. too few elements). */
  verify?: (matchedElements: number) => void;
}

/** A page in Chromium: time to the selector's first element, and the long tasks after it. */
export interface PageOp extends OpBase {
  mode: "page";
  targets: { firstElementMs?: number; longTaskMs?: number };
  prepare(ctx: BenchContext): Promise<PageTarget>;
}

export type BenchOp = CompareOp | PageOp;

/** The targets of the "Benchmark" issue, shared so every op states them the same way. */
export const TARGETS = {
  read: { latencyRatio: 1.5 },
  checkInThroughput: { throughputRatio: 0.7 },
  page: { firstElementMs: 1000, longTaskMs: 200 },
} as const;
