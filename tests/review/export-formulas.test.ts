import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportReview } from "@/app/(app)/review/export/route";
import { db } from "@/lib/db/prisma";
import { REVIEW_EXPORT_SECTIONS } from "@/lib/review/export";
import { createApiToken, createCycle, createKeyResult, createObjective, createTeam } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";

// A spreadsheet runs this as a formula when it opens the file: the attacker's payload of the report.
const PAYLOAD = "-2+3+cmd|' /C calc'!A0";

/** The fields of an RFC 4180 document (quoted fields may hold commas, doubled quotes, tabs and line breaks). */
function csvFields(text: string): string[] {
  const fields: string[] = [];
  let field = "";
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (isQuoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      isQuoted = !isQuoted;
    } else if (!isQuoted && (ch === "," || (ch === "\r" && text[i + 1] === "\n"))) {
      fields.push(field);
      field = "";
      if (ch === "\r") i++;
    } else {
      field += ch;
    }
  }
  return fields;
}

let world: World;
let cycleId: string;
let token: string;
const since = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  world = await createWorld();
  token = (await createApiToken(db, world.org.id, world.viewer.id)).secret;
  const cycle = await createCycle(db, world.org.id, { startDate: new Date(Date.now() - 60 * 86_400_000), endDate: new Date(Date.now() + 30 * 86_400_000) });
  cycleId = cycle.id;
  const team = await createTeam(db, world.org.id, { name: PAYLOAD });
  await db.user.update({ where: { id: world.member.id }, data: { name: PAYLOAD } });
  // Added after the date, so the changes section lists it too.
  const objective = await createObjective(db, world.org.id, { cycleId, ownerId: world.member.id, teamId: team.id, title: PAYLOAD });
  await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.member.id, title: PAYLOAD, unit: "=1+1" });
});

describe("the review export against spreadsheet formulas", () => {
  it.each(REVIEW_EXPORT_SECTIONS)("defuses a '-2+3+cmd' text in the %s section", async (section) => {
    const res = await callApi(exportReview, { path: `/review/export?cycle=${cycleId}&since=${since}&section=${section}`, token });
    expect(res.status).toBe(200);
    const fields = csvFields(String(res.json));
    const carrying = fields.filter((f) => f.includes("cmd|"));
    expect(carrying.length).toBeGreaterThan(0);
    for (const field of carrying) expect(field.startsWith("'")).toBe(true);
    // Nothing a spreadsheet would evaluate, except plain numbers.
    for (const field of fields) {
      if (/^[=+\-@\t\r]/.test(field)) expect(field).toMatch(/^-?\d+(\.\d+)?$/);
    }
  });
});
