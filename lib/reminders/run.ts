import "server-only";
import { DIGEST_WEEKDAY, localClock, REMINDER_HOUR, REMINDER_WEEKDAY } from "@/lib/checkins/status";
import { isoDate, weekOf } from "@/lib/dates/week";
import { db } from "@/lib/db/prisma";
import { appUrl } from "@/lib/email/links";
import { deliveryMode, enqueueEmails, logUnsentEmails, type DeliveryMode, type OutgoingEmail, type StoredEmail } from "@/lib/email/outbox";
import { postTeamDigests, sendSlackReminders } from "@/lib/slack/service";
import { digestEmail, reminderEmail } from "./messages";

/** Claims and mails are written in transactions of at most this many recipients. */
const CHUNK = 500;

export interface ReminderRun {
  reminders: number;
  digests: number;
}

interface Clock {
  weekday: number;
  hour: number;
  week: string;
}

/** Local weekday, hour and week per time zone, computed once per zone; an unknown zone counts as UTC. */
function clocks(now: Date) {
  const cache = new Map<string, Clock>();
  return (timeZone: string): Clock => {
    let clock = cache.get(timeZone);
    if (!clock) {
      let zone = timeZone;
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
      } catch {
        zone = "UTC";
      }
      clock = { ...localClock(now, zone), week: isoDate(weekOf(now, zone)) };
      cache.set(timeZone, clock);
    }
    return clock;
  };
}

const isDue = (clock: Clock, weekday: number) => clock.weekday === weekday && clock.hour >= REMINDER_HOUR;

/**
 * One run of the reminder job, for the instant `now` (the scheduler passes the real time; tests pass any).
 * - Reminder: on Monday from 09:00 in their time zone, each person with reminders on who owns key results in an
 *   active cycle without a check-in this week gets one mail per organisation and week.
 * - Digest: on Tuesday from 09:00 in their time zone, each lead with reminders on gets one mail per team they
 *   lead and week: who checked in, who is overdue, what is off track.
 * Each mail is claimed in reminder_deliveries before it is written, in the same transaction, so runs that overlap
 * (several app servers, a retried job) never send the same mail twice.
 */
export async function runReminders(options: { now?: Date; mode?: DeliveryMode } = {}): Promise<ReminderRun> {
  const now = options.now ?? new Date();
  const mode = options.mode ?? deliveryMode();
  const clockOf = clocks(now);
  const reminders = await sendReminders(clockOf, mode);
  const digests = await sendDigests(clockOf, mode);
  return { reminders, digests };
}

async function sendReminders(clockOf: (tz: string) => Clock, mode: DeliveryMode): Promise<number> {
  const owners = await db.$queryRaw<{ organization_id: string; user_id: string; time_zone: string }[]>`
    SELECT DISTINCT kr.organization_id::text AS organization_id, u.id::text AS user_id, u.time_zone
    FROM key_results kr
    JOIN cycles c ON c.id = kr.cycle_id AND c.state = 'active'
    JOIN users u ON u.id = kr.owner_id AND u.reminders_enabled`;
  const due = owners.filter((o) => isDue(clockOf(o.time_zone), REMINDER_WEEKDAY));
  if (!due.length) return 0;

  const rows = await db.$queryRaw<{ organization_id: string; org_name: string; user_id: string; name: string; email: string; week: string; kr_title: string; objective_title: string }[]>`
    SELECT kr.organization_id::text AS organization_id, org.name AS org_name, u.id::text AS user_id, u.name, u.email,
           to_char(d.week, 'YYYY-MM-DD') AS week, kr.title AS kr_title, o.title AS objective_title
    FROM unnest(${due.map((d) => d.organization_id)}::uuid[], ${due.map((d) => d.user_id)}::uuid[], ${due.map((d) => clockOf(d.time_zone).week)}::date[]) AS d(organization_id, user_id, week)
    JOIN memberships m ON m.organization_id = d.organization_id AND m.user_id = d.user_id
    JOIN organizations org ON org.id = d.organization_id
    JOIN users u ON u.id = d.user_id
    JOIN key_results kr ON kr.organization_id = d.organization_id AND kr.owner_id = d.user_id
    JOIN cycles c ON c.id = kr.cycle_id AND c.state = 'active'
    JOIN objectives o ON o.id = kr.objective_id AND o.state <> 'abandoned'
    WHERE NOT EXISTS (SELECT 1 FROM check_ins ci WHERE ci.key_result_id = kr.id AND ci.week = d.week)
      AND NOT EXISTS (
        SELECT 1 FROM reminder_deliveries rd
        WHERE rd.organization_id = d.organization_id AND rd.user_id = d.user_id AND rd.kind = 'reminder' AND rd.scope = '' AND rd.week = d.week)
    ORDER BY kr.organization_id, u.id, o.position, kr.position`;

  const groups = new Map<string, { organizationId: string; userId: string; week: string; email: OutgoingEmail; keyResults: { title: string; objectiveTitle: string }[]; orgName: string; name: string }>();
  for (const row of rows) {
    const key = `${row.organization_id}:${row.user_id}`;
    const group = groups.get(key) ?? {
      organizationId: row.organization_id,
      userId: row.user_id,
      week: row.week,
      orgName: row.org_name,
      name: row.name,
      keyResults: [],
      email: { organizationId: row.organization_id, to: row.email, kind: "reminder", subject: "", text: "" },
    };
    group.keyResults.push({ title: row.kr_title, objectiveTitle: row.objective_title });
    groups.set(key, group);
  }
  const items = [...groups.values()].map((g) => ({
    claim: { organizationId: g.organizationId, userId: g.userId, kind: "reminder", scope: "", week: new Date(`${g.week}T00:00:00Z`) },
    email: { ...g.email, ...reminderEmail({ orgName: g.orgName, name: g.name, week: g.week, keyResults: g.keyResults, link: appUrl("/my-week") }) },
    slack: { week: g.week, keyResults: g.keyResults },
  }));
  const claimed = await claimAndSend(items, mode);
  // The same reminder in Slack, for those just claimed: never a second one when the claim went to another run.
  await sendSlackReminders(claimed.flatMap((item) => (item.slack ? [{ organizationId: item.claim.organizationId, email: item.email.to, ...item.slack }] : [])));
  return claimed.length;
}

async function sendDigests(clockOf: (tz: string) => Clock, mode: DeliveryMode): Promise<number> {
  const leads = await db.$queryRaw<{ organization_id: string; org_name: string; team_id: string; team_name: string; user_id: string; name: string; email: string; time_zone: string }[]>`
    SELECT tm.organization_id::text AS organization_id, org.name AS org_name, t.id::text AS team_id, t.name AS team_name,
           u.id::text AS user_id, u.name, u.email, u.time_zone
    FROM team_memberships tm
    JOIN teams t ON t.id = tm.team_id AND t.archived_at IS NULL
    JOIN users u ON u.id = tm.user_id AND u.reminders_enabled
    JOIN memberships m ON m.organization_id = tm.organization_id AND m.user_id = tm.user_id
    JOIN organizations org ON org.id = tm.organization_id
    WHERE tm.role = 'lead'`;
  const due = leads.filter((l) => isDue(clockOf(l.time_zone), DIGEST_WEEKDAY));
  if (!due.length) return 0;

  const pairs = new Map<string, { organizationId: string; teamId: string; week: string }>();
  for (const lead of due) {
    const week = clockOf(lead.time_zone).week;
    pairs.set(`${lead.team_id}:${week}`, { organizationId: lead.organization_id, teamId: lead.team_id, week });
  }
  const list = [...pairs.values()];
  const rows = await db.$queryRaw<{ team_id: string; week: string; kr_title: string; confidence: string | null; owner_id: string; owner_name: string; is_done: boolean }[]>`
    SELECT d.team_id::text AS team_id, to_char(d.week, 'YYYY-MM-DD') AS week, kr.title AS kr_title, kr.confidence::text AS confidence,
           u.id::text AS owner_id, u.name AS owner_name, (ci.id IS NOT NULL) AS is_done
    FROM unnest(${list.map((p) => p.organizationId)}::uuid[], ${list.map((p) => p.teamId)}::uuid[], ${list.map((p) => p.week)}::date[]) AS d(organization_id, team_id, week)
    JOIN objectives o ON o.organization_id = d.organization_id AND o.team_id = d.team_id AND o.state <> 'abandoned'
    JOIN cycles c ON c.id = o.cycle_id AND c.state = 'active'
    JOIN key_results kr ON kr.objective_id = o.id AND kr.organization_id = d.organization_id
    JOIN users u ON u.id = kr.owner_id
    LEFT JOIN check_ins ci ON ci.key_result_id = kr.id AND ci.week = d.week
    ORDER BY o.position, kr.position`;

  interface TeamWeekSummary {
    checkedIn: Map<string, string>;
    missing: Map<string, { name: string; missing: number }>;
    offTrack: { title: string; ownerName: string }[];
  }
  const teams = new Map<string, TeamWeekSummary>();
  for (const row of rows) {
    const key = `${row.team_id}:${row.week}`;
    const team: TeamWeekSummary = teams.get(key) ?? { checkedIn: new Map(), missing: new Map(), offTrack: [] };
    teams.set(key, team);
    if (row.is_done) team.checkedIn.set(row.owner_id, row.owner_name);
    else {
      const entry = team.missing.get(row.owner_id) ?? { name: row.owner_name, missing: 0 };
      entry.missing += 1;
      team.missing.set(row.owner_id, entry);
    }
    if (row.confidence === "off_track") team.offTrack.push({ title: row.kr_title, ownerName: row.owner_name });
  }

  const items = due.flatMap((lead) => {
    const week = clockOf(lead.time_zone).week;
    const team = teams.get(`${lead.team_id}:${week}`);
    if (!team) return [];
    const overdue = [...team.missing.entries()].map(([, v]) => v).sort((a, b) => a.name.localeCompare(b.name));
    // Someone with one key result done and another missing is still overdue.
    const checkedIn = [...team.checkedIn.entries()].filter(([id]) => !team.missing.has(id)).map(([, name]) => name).sort((a, b) => a.localeCompare(b));
    const mail = digestEmail({ orgName: lead.org_name, leadName: lead.name, teamName: lead.team_name, week, checkedIn, overdue, offTrack: team.offTrack, link: appUrl(`/teams/${lead.team_id}/check-ins`) });
    return [
      {
        claim: { organizationId: lead.organization_id, userId: lead.user_id, kind: "digest", scope: lead.team_id, week: new Date(`${week}T00:00:00Z`) },
        email: { organizationId: lead.organization_id, to: lead.email, kind: "digest", ...mail },
        channelDigest: {
          organizationId: lead.organization_id,
          teamId: lead.team_id,
          teamName: lead.team_name,
          week,
          text: digestEmail({ orgName: lead.org_name, leadName: "team", teamName: lead.team_name, week, checkedIn, overdue, offTrack: team.offTrack, link: appUrl(`/teams/${lead.team_id}/check-ins`) }).text,
        },
      },
    ];
  });
  const claimed = await claimAndSend(items, mode);
  await postTeamDigests(claimed.flatMap((item) => (item.channelDigest ? [item.channelDigest] : [])));
  return claimed.length;
}

interface Item {
  claim: { organizationId: string; userId: string; kind: string; scope: string; week: Date };
  email: OutgoingEmail;
  slack?: { week: string; keyResults: { title: string; objectiveTitle: string }[] };
  channelDigest?: { organizationId: string; teamId: string; teamName: string; week: string; text: string };
}

/** Claims each delivery (skipping those another run claimed first) and writes the claimed ones' mail with it. */
async function claimAndSend(items: Item[], mode: DeliveryMode): Promise<Item[]> {
  const sent: Item[] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK);
    const written: StoredEmail[] = await db.$transaction(
      async (tx) => {
        const claimed = await tx.reminderDelivery.createManyAndReturn({
          data: chunk.map((item) => item.claim),
          skipDuplicates: true,
          select: { organizationId: true, userId: true, kind: true, scope: true },
        });
        const keys = new Set(claimed.map((c) => `${c.organizationId}:${c.userId}:${c.kind}:${c.scope}`));
        const mine = chunk.filter((item) => keys.has(`${item.claim.organizationId}:${item.claim.userId}:${item.claim.kind}:${item.claim.scope}`));
        sent.push(...mine);
        return enqueueEmails(tx, mine.map((item) => item.email), mode);
      },
      { timeout: 60_000 },
    );
    logUnsentEmails(written);
  }
  return sent;
}
