import { describe, expect, it } from "vitest";
import { checkInModal, MODAL_KEY_RESULTS, readCheckInSubmission, reminderMessage } from "./blocks";

const kr = (i: number) => ({ id: `kr-${i}`, title: `Key result ${i}`, objectiveTitle: "Objective", current: `${i}`, confidence: null, thisWeek: null });

describe("the check-in modal", () => {
  it("asks value, confidence and note per key result, prefilled with this week's check-in", () => {
    const view = checkInModal([{ ...kr(1), thisWeek: { value: "12", confidence: "at_risk", note: "Late" } }], "{}");
    const byId = Object.fromEntries(view.blocks.flatMap((b) => ("block_id" in b ? [[String(b.block_id), b]] : [])));
    expect(byId["value:kr-1"]).toMatchObject({ element: { initial_value: "12" } });
    expect(byId["confidence:kr-1"]).toMatchObject({ element: { initial_option: { value: "at_risk" } } });
    expect(byId["note:kr-1"]).toMatchObject({ element: { initial_value: "Late" } });
  });

  it("stays within Slack's 100 blocks and points to My week for the rest", () => {
    const view = checkInModal(Array.from({ length: 30 }, (_, i) => kr(i)), "{}", "https://keel.example/my-week");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(view.blocks.filter((b) => "block_id" in b && String(b.block_id).startsWith("value:"))).toHaveLength(MODAL_KEY_RESULTS);
    expect(JSON.stringify(view.blocks.at(-1))).toContain("and 14 more key results");
  });
});

describe("reading a submitted modal", () => {
  it("keeps the rows with a value, in My week's shape, and skips empty ones", () => {
    const { entries, blockOf } = readCheckInSubmission({
      "value:a": { value: { value: " 40 " } },
      "confidence:a": { confidence: { selected_option: { value: "off_track" } } },
      "note:a": { note: { value: "Blocked" } },
      "value:b": { value: { value: "" } },
      "confidence:b": { confidence: { selected_option: { value: "on_track" } } },
    });
    expect(entries).toEqual([{ keyResultId: "a", value: "40", confidence: "off_track", note: "Blocked" }]);
    expect(blockOf.get(0)).toBe("value:a");
  });
});

describe("the reminder message", () => {
  it("lists what is due and carries the Check in button", () => {
    const message = reminderMessage("2026-11-30", [{ title: "Orders per day", objectiveTitle: "Grow" }], "https://keel.example/my-week");
    expect(JSON.stringify(message.blocks)).toContain("Orders per day");
    expect(message.blocks[1]).toMatchObject({ elements: [{ action_id: "keel_open_checkin" }, { url: "https://keel.example/my-week" }] });
  });
});
