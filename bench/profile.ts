/**
 * `npm run bench:profile -- <file.cpuprofile>`: where a server's CPU time went, grouped by who spent it (Node's core,
 * Next.js, the app's bundle, pg, the garbage collector...), idle time removed.
 * `npm run bench:profile -- cookie <size> <secret>`: a session cookie header for the size's owner, signed with the
 * secret the profiled server was started with. Decision 0015 shows both in use.
 */
import { readFileSync } from "node:fs";
import pg from "pg";
import { withDatabase } from "../lib/db/connection";
import { manifestPath, readManifest } from "./lib/manifest";
import { mintSessionCookie } from "./lib/session";
import { SIZES, type SizeName } from "./sizes";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function groupOf({ functionName, url }: ProfileNode["callFrame"]): string | null {
  if (functionName === "(idle)") return null;
  if (functionName === "(garbage collector)") return "garbage collection";
  if (url.includes("node_modules/next/")) return "Next.js (node_modules/next)";
  if (/\/\.next[^/]*\/server\//.test(url)) return "the app's server bundle (Keel and the libraries bundled with it)";
  if (url.startsWith("node:")) return "Node core (http, streams, undici)";
  if (!url) return `native: ${functionName}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  return pkg ? pkg[1]! : url;
}

async function printCookie(size: string | undefined, secret: string | undefined) {
  const name = size?.toUpperCase() as SizeName | undefined;
  if (!name || !(name in SIZES) || !secret) throw new Error("usage: npm run bench:profile -- cookie <S|M|L|XL> <NEXTAUTH_SECRET>");
  const manifest = readManifest(manifestPath(name));
  if (!manifest) throw new Error(`no bench/data/manifest-${name}.json: run \`npm run bench:generate -- --size ${name}\` first`);
  const server = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const client = new pg.Client({ connectionString: withDatabase(server, manifest.database) });
  await client.connect();
  try {
    const owner = manifest.users.owner;
    const { rows } = await client.query<{ session_version: number }>("SELECT session_version FROM users WHERE id = $1", [owner.id]);
    const cookie = await mintSessionCookie(owner, secret, rows[0]?.session_version ?? 0);
    console.log(`${cookie.name}=${cookie.value}`);
  } finally {
    await client.end();
  }
}

async function main() {
  const [first, ...rest] = process.argv.slice(2);
  if (first === "cookie") return printCookie(rest[0], rest[1]);
  const file = first;
  if (!file) throw new Error("usage: npm run bench:profile -- <file.cpuprofile> | cookie <size> <secret>");
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const spent = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const group = groupOf(frames.get(id)!);
    if (!group) return;
    const micros = profile.timeDeltas[i] ?? 0;
    busy += micros;
    spent.set(group, (spent.get(group) ?? 0) + micros);
  });
  console.log(`busy ${(busy / 1e6).toFixed(1)} s`);
  for (const [group, micros] of [...spent].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`${((100 * micros) / busy).toFixed(1).padStart(5)}%  ${group}`);
  }
}

await main();
