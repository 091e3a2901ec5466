import { formatWeek, plural } from "@/lib/format";

/** The mails Keel sends about check-ins, as plain text: short, with the one link that gets the job done. */

export interface ReminderContent {
  orgName: string;
  name: string;
  week: string;
  keyResults: { title: string; objectiveTitle: string }[];
  link: string;
}

export function reminderEmail(c: ReminderContent): { subject: string; text: string } {
  const count = c.keyResults.length;
  return {
    subject: `Your ${c.orgName} check-in for the week of ${formatWeek(c.week)}: ${plural(count, "key result")}`,
    text: [
      `Hi ${c.name},`,
      "",
      `It's check-in day. ${count === 1 ? "This key result has" : `These ${count} key results have`} no check-in yet this week:`,
      "",
      ...c.keyResults.map((kr) => `- ${kr.title} (${kr.objectiveTitle})`),
      "",
      `Do them all in one go, in about a minute: ${c.link}`,
      "",
      "You get this mail on Mondays when check-ins are due. Switch it off or change your time zone in your profile settings.",
    ].join("\n"),
  };
}

export interface DigestContent {
  orgName: string;
  leadName: string;
  teamName: string;
  week: string;
  checkedIn: string[];
  overdue: { name: string; missing: number }[];
  offTrack: { title: string; ownerName: string }[];
  link: string;
}

export function digestEmail(c: DigestContent): { subject: string; text: string } {
  const total = c.checkedIn.length + c.overdue.length;
  const lines = [
    `Hi ${c.leadName},`,
    "",
    `${c.teamName}, week of ${formatWeek(c.week)}: ${c.checkedIn.length} of ${total} ${total === 1 ? "person has" : "people have"} checked in.`,
    "",
    "Checked in:",
    ...(c.checkedIn.length ? c.checkedIn.map((n) => `- ${n}`) : ["- nobody yet"]),
    "",
    "Overdue:",
    ...(c.overdue.length ? c.overdue.map((o) => `- ${o.name} (${plural(o.missing, "key result")})`) : ["- nobody"]),
    "",
    "Off track:",
    ...(c.offTrack.length ? c.offTrack.map((kr) => `- ${kr.title} (${kr.ownerName})`) : ["- nothing"]),
    "",
    `See the notes and nudge who is overdue: ${c.link}`,
  ];
  return { subject: `${c.teamName} check-ins, week of ${formatWeek(c.week)}: ${c.checkedIn.length} of ${total} done`, text: lines.join("\n") };
}

export interface NudgeContent {
  orgName: string;
  fromName: string;
  toName: string;
  teamName: string;
  keyResults: string[];
  link: string;
}

export function nudgeEmail(c: NudgeContent): { subject: string; text: string } {
  return {
    subject: `${c.fromName} asks for your ${c.teamName} check-in`,
    text: [
      `Hi ${c.toName},`,
      "",
      `${c.fromName} (${c.orgName}) is looking at ${c.teamName}'s week and your check-in is still missing for:`,
      "",
      ...c.keyResults.map((t) => `- ${t}`),
      "",
      `It takes about a minute: ${c.link}`,
    ].join("\n"),
  };
}
