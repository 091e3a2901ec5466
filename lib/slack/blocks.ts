/**
 * Slack's Block Kit views Keel sends, and the reading of what comes back. Pure, so the modal and its parsing are
 * unit-tested; the check-in they carry goes through the same domain function as My week.
 */
import { CONFIDENCES, type ConfidenceValue } from "@/lib/checkins/schemas";

export const CHECK_IN_CALLBACK = "keel_checkin";
export const OPEN_CHECK_IN_ACTION = "keel_open_checkin";
const CONFIDENCE_LABEL: Record<ConfidenceValue, string> = { on_track: "On track", at_risk: "At risk", off_track: "Off track" };

export interface DueKeyResult {
  id: string;
  title: string;
  objectiveTitle: string;
  /** What it stands at now, as people read it ("412 orders"). */
  current: string;
  confidence: ConfidenceValue | null;
  thisWeek: { value: string; confidence: ConfidenceValue; note: string } | null;
}

const text = (value: string, max = 150) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);
const option = (c: ConfidenceValue) => ({ text: { type: "plain_text", text: CONFIDENCE_LABEL[c] }, value: c });

/** A modal holds at most 100 blocks; each key result takes six. */
export const MODAL_KEY_RESULTS = 16;

/** The check-in modal: for each key result, this week's value, confidence and a note, saved together. */
export function checkInModal(keyResults: DueKeyResult[], metadata: string, myWeekUrl?: string) {
  const shown = keyResults.slice(0, MODAL_KEY_RESULTS);
  const blocks: object[] = shown.flatMap((kr) => {
    const confidence = kr.thisWeek?.confidence ?? kr.confidence ?? "on_track";
    return [
      { type: "header", text: { type: "plain_text", text: text(kr.title) } },
      { type: "context", elements: [{ type: "mrkdwn", text: text(`${kr.objectiveTitle} · now ${kr.current}`, 300) }] },
      {
        type: "input",
        block_id: `value:${kr.id}`,
        optional: true,
        label: { type: "plain_text", text: "This week's value" },
        element: { type: "plain_text_input", action_id: "value", ...(kr.thisWeek ? { initial_value: kr.thisWeek.value } : {}) },
      },
      {
        type: "input",
        block_id: `confidence:${kr.id}`,
        label: { type: "plain_text", text: "Confidence" },
        element: { type: "static_select", action_id: "confidence", options: CONFIDENCES.map(option), initial_option: option(confidence) },
      },
      {
        type: "input",
        block_id: `note:${kr.id}`,
        optional: true,
        label: { type: "plain_text", text: "Note" },
        element: { type: "plain_text_input", action_id: "note", multiline: true, max_length: 2000, ...(kr.thisWeek?.note ? { initial_value: kr.thisWeek.note } : {}) },
      },
      { type: "divider" },
    ];
  });
  if (keyResults.length > shown.length) {
    const rest = keyResults.length - shown.length;
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${rest} more key result${rest === 1 ? "" : "s"}: check in on them on My week${myWeekUrl ? ` (${myWeekUrl})` : ""}.` }] });
  }
  return {
    type: "modal",
    callback_id: CHECK_IN_CALLBACK,
    private_metadata: metadata,
    title: { type: "plain_text", text: "Weekly check-in" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: blocks.length ? blocks : [{ type: "section", text: { type: "mrkdwn", text: "You own no key result in an active cycle." } }],
  };
}

type StateValues = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>;

/**
 * The entries a submitted modal holds, in My week's shape: a key result with no value typed is left out (as an
 * empty row on My week is); a value without a valid confidence is an error on that row.
 */
export function readCheckInSubmission(values: StateValues): { entries: { keyResultId: string; value: string; confidence: ConfidenceValue; note: string }[]; blockOf: Map<number, string> } {
  const entries: { keyResultId: string; value: string; confidence: ConfidenceValue; note: string }[] = [];
  const blockOf = new Map<number, string>();
  for (const [blockId, actions] of Object.entries(values)) {
    const [kind, keyResultId] = blockId.split(":");
    if (kind !== "value" || !keyResultId) continue;
    const value = actions.value?.value?.trim() ?? "";
    if (!value) continue;
    const confidence = values[`confidence:${keyResultId}`]?.confidence?.selected_option?.value;
    const note = values[`note:${keyResultId}`]?.note?.value ?? "";
    blockOf.set(entries.length, blockId);
    entries.push({ keyResultId, value, confidence: (CONFIDENCES as readonly string[]).includes(confidence ?? "") ? (confidence as ConfidenceValue) : "on_track", note });
  }
  return { entries, blockOf };
}

/** The weekly reminder as a Slack message, with a button that opens the check-in modal. */
export function reminderMessage(week: string, keyResults: { title: string; objectiveTitle: string }[], myWeekUrl: string) {
  const list = keyResults.slice(0, 10).map((kr) => `• *${text(kr.title, 120)}* (${text(kr.objectiveTitle, 80)})`);
  if (keyResults.length > 10) list.push(`…and ${keyResults.length - 10} more`);
  return {
    text: `Time for your weekly check-in (week of ${week})`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*Time for your weekly check-in* (week of ${week}). Due:\n${list.join("\n")}` } },
      {
        type: "actions",
        elements: [
          { type: "button", style: "primary", action_id: OPEN_CHECK_IN_ACTION, text: { type: "plain_text", text: "Check in" } },
          { type: "button", action_id: "keel_open_my_week", url: myWeekUrl, text: { type: "plain_text", text: "Open My week" } },
        ],
      },
    ],
  };
}
