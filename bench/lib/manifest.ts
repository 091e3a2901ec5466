import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SizeName } from "../sizes";

export interface ManifestUser {
  id: string;
  email: string;
  name: string;
}

/** What a benchmark (or a person) needs to know about a generated database, written next to it as JSON. */
export interface Manifest {
  size: SizeName;
  seed: number;
  /** The data's "today" (YYYY-MM-DD); check-ins and history stop before its noon (UTC). */
  today: string;
  database: string;
  /** The committed migrations the database was built from: a new one means the data must be generated again. */
  migrations: string[];
  organizationId: string;
  organizationName: string;
  password: string;
  cycles: Record<"active" | "closed", { id: string; name: string; startDate: string; endDate: string }>;
  users: {
    owner: ManifestUser;
    admin: ManifestUser;
    /** Leads a team that has squads beneath it. */
    teamLead: ManifestUser & { teamId: string };
    /** Owns exactly ten key results in the active cycle: the "my week" person. */
    tenKeyResults: ManifestUser & { keyResultIds: string[] };
    member: ManifestUser;
    viewer: ManifestUser;
  };
  objectives: {
    company: string[];
    department: string[];
    team: string[];
    personal: string[];
    /** A personal objective four levels down, with its why chain from itself up to the company objective. */
    deepWhyChain: { id: string; chain: string[] };
  };
  teams: { department: string[]; group: string[]; team: string[]; squad: string[]; pod: string[] };
  counts: Record<string, number>;
}

export function manifestPath(size: SizeName): string {
  return path.resolve("bench/data", `manifest-${size}.json`);
}

export function writeManifest(file: string, manifest: Manifest): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

export function readManifest(file: string): Manifest | null {
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8")) as Manifest;
}
