import "server-only";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, brotliDecompress, constants, gzip } from "node:zlib";
import { readDb, type ReadDb } from "@/lib/db/read";
import { notFound } from "@/lib/errors";
import { loadTreeJson } from "./queries";

/**
 * The cycle's tree payload kept in this process, per organisation and cycle, with its gzip and brotli forms made once
 * per version. Keel runs as several servers, so an entry is only used after asking Postgres for the tree's version
 * (loadTreeVersion): a change written through any server is seen by every other at once. See decision 0013.
 */

/** Bumped whenever the payload's shape changes, so a browser's cached copy from an older release never answers 304. */
const PAYLOAD_FORMAT = 1;
/** The most this process keeps: about six cycles of a 10,000-person organisation (each ~11 MB in three encodings). */
const DEFAULT_BUDGET_BYTES = 64 * 1024 * 1024;
/**
 * The plain form is kept only while it is at most this share of the budget. A 100,000-person organisation's payload is
 * about 80 MB plain and 14 MB in brotli: kept compressed, its rare plain answer is unpacked from brotli on the thread
 * pool (a fraction of the ten seconds a rebuild takes), and the cache still holds it rather than rebuilding every view.
 */
const PLAIN_SHARE_OF_BUDGET = 1 / 4;

export type TreeEncoding = "br" | "gzip" | "identity";

export interface TreeBody {
  /** Strong validator of this representation: the organisation, the cycle, the data's version and the encoding. */
  etag: string;
  encoding: TreeEncoding;
  body: Buffer;
}

interface Entry {
  version: string;
  /** `identity` is missing when the plain form was too large to keep (see PLAIN_SHARE_OF_BUDGET). */
  bodies: { gzip: Buffer; br: Buffer; identity?: Buffer };
  bytes: number;
}

/**
 * A version of everything the payload is made of, read in one statement without reading the payload. Each table's
 * part is its row count and the sum of its rows' `xmin` (the id of the transaction that wrote each row version): any
 * insert, update or delete, by Prisma or by hand-written SQL, from any server, changes it once committed, whatever the
 * order of commits and without trusting any server's clock (an `updated_at` from a clock running behind would not
 * raise a maximum). Row locks leave `xmin` alone, so check-ins locking a row do not change it; writing one does.
 * People are those of the organisation's memberships plus the owners listed in the tree (a former member still owns
 * objectives), the teams and the organisation's limits are read too: every column the payload shows.
 * Null when the cycle is not this organisation's.
 */
export async function loadTreeVersion(orgId: string, cycleId: string, db: ReadDb = readDb()): Promise<string | null> {
  const rows = await db.$queryRaw<{ version: string | null }[]>`
    WITH c AS (SELECT xmin::text AS x FROM cycles WHERE id = ${cycleId}::uuid AND organization_id = ${orgId}::uuid),
    o AS (SELECT owner_id, xmin::text::bigint AS x FROM objectives WHERE organization_id = ${orgId}::uuid AND cycle_id = ${cycleId}::uuid),
    k AS (SELECT owner_id, xmin::text::bigint AS x FROM key_results WHERE organization_id = ${orgId}::uuid AND cycle_id = ${cycleId}::uuid)
    SELECT concat_ws('.',
      (SELECT x FROM c),
      (SELECT xmin::text FROM organizations WHERE id = ${orgId}::uuid),
      (SELECT count(*) || '-' || coalesce(sum(x), 0) FROM o),
      (SELECT count(*) || '-' || coalesce(sum(x), 0) FROM k),
      (SELECT count(*) || '-' || coalesce(sum(xmin::text::bigint), 0) FROM teams WHERE organization_id = ${orgId}::uuid),
      (SELECT count(*) || '-' || coalesce(sum(u.xmin::text::bigint), 0)
         FROM users u WHERE u.id IN (SELECT user_id FROM memberships WHERE organization_id = ${orgId}::uuid UNION SELECT owner_id FROM o UNION SELECT owner_id FROM k))
    ) AS version
    WHERE EXISTS (SELECT 1 FROM c)`;
  return rows[0]?.version ?? null;
}

/** The encoding to send for an Accept-Encoding header: brotli, then gzip, then none; `q=0` refuses one. */
export function chooseEncoding(acceptEncoding: string | null): TreeEncoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const allows = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (allows("br")) return "br";
  if (allows("gzip")) return "gzip";
  return "identity";
}

/** The entity tags listed in an If-None-Match header, without weak prefixes (it compares weakly); "*" matches any. */
export function listedTags(ifNoneMatch: string | null): string[] {
  if (!ifNoneMatch) return [];
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .filter(Boolean);
}

function tagFor(orgId: string, cycleId: string, version: string): string {
  return createHash("sha256").update(`${PAYLOAD_FORMAT}\n${orgId}\n${cycleId}\n${version}`).digest("base64url").slice(0, 32);
}

const etagOf = (tag: string, encoding: TreeEncoding) => `"${tag}${encoding === "identity" ? "" : `-${encoding}`}"`;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
const unbrotliAsync = promisify(brotliDecompress);

/** Compressed on libuv's thread pool, so the event loop keeps serving while a new version is packed. */
async function encode(json: string): Promise<Record<TreeEncoding, Buffer>> {
  const identity = Buffer.from(json, "utf8");
  const [gz, br] = await Promise.all([
    gzipAsync(identity, { level: 6 }),
    // Quality 5: within a few per cent of the best size for this JSON at a tenth of quality 11's time.
    brotliAsync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
  ]);
  return { identity, gzip: gz, br };
}

/** Least recently used entries leave first once the bytes held pass the budget. */
export class TreeCache {
  private entries = new Map<string, Entry>();
  private building = new Map<string, Promise<Entry>>();
  private bytes = 0;

  constructor(private readonly budgetBytes = DEFAULT_BUDGET_BYTES) {}

  get heldBytes(): number {
    return this.bytes;
  }

  /**
   * The payload for this organisation and cycle, as `encoding`, or `notModified` when one of `knownTags` is already
   * the current version. One version query on every call; the payload query and compression only when the version
   * changed, once for all the requests waiting on the same version.
   */
  async get(
    orgId: string,
    cycleId: string,
    encoding: TreeEncoding,
    knownTags: string[] = [],
    db: ReadDb = readDb(),
  ): Promise<TreeBody & { notModified: boolean }> {
    const version = await loadTreeVersion(orgId, cycleId, db);
    if (version === null) throw notFound("That cycle");
    const tag = tagFor(orgId, cycleId, version);
    const etag = etagOf(tag, encoding);
    // Any encoding of the same version is the same data: a 304 lets the browser keep what it has.
    const variants = (["identity", "gzip", "br"] as const).map((e) => etagOf(tag, e));
    if (knownTags.some((t) => t === "*" || variants.includes(t))) return { etag, encoding, body: Buffer.alloc(0), notModified: true };

    const key = `${orgId}/${cycleId}`;
    let entry = this.entries.get(key);
    if (entry?.version === version) {
      // Refreshes its place in the LRU order.
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      entry = await this.build(key, orgId, cycleId, version, db);
    }
    const body = entry.bodies[encoding] ?? (await unbrotliAsync(entry.bodies.br));
    return { etag, encoding, body, notModified: false };
  }

  private build(key: string, orgId: string, cycleId: string, version: string, db: ReadDb): Promise<Entry> {
    const buildKey = `${key}@${version}`;
    const pending = this.building.get(buildKey);
    if (pending) return pending;
    const promise = (async () => {
      // Read after the version, so the payload is at least as new as it: an entry can be newer than its version says,
      // never older, and a newer one is replaced on the next call because the version will have moved on.
      const { identity, gzip: gz, br } = await encode(await loadTreeJson(orgId, cycleId, db));
      const keepsPlain = identity.length <= this.budgetBytes * PLAIN_SHARE_OF_BUDGET;
      const entry: Entry = {
        version,
        bodies: keepsPlain ? { identity, gzip: gz, br } : { gzip: gz, br },
        bytes: (keepsPlain ? identity.length : 0) + gz.length + br.length,
      };
      this.store(key, entry);
      return entry;
    })().finally(() => this.building.delete(buildKey));
    this.building.set(buildKey, promise);
    return promise;
  }

  private store(key: string, entry: Entry) {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    if (entry.bytes > this.budgetBytes) return;
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [oldest, victim] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.bytes -= victim.bytes;
    }
  }
}

// One per process (and one across hot reloads in development).
const globalForTree = globalThis as unknown as { keelTreeCache?: TreeCache };
export function treeCache(): TreeCache {
  globalForTree.keelTreeCache ??= new TreeCache();
  return globalForTree.keelTreeCache;
}
