import { handleInteraction } from "@/lib/slack/service";
import { slackResponse, verifiedSlackBody } from "@/lib/slack/request";

/** Slack's interactivity: the reminder's "Check in" button and the check-in modal's submission. */
export async function POST(req: Request): Promise<Response> {
  const verified = await verifiedSlackBody(req);
  if ("refusal" in verified) return verified.refusal;
  let payload: unknown;
  try {
    payload = JSON.parse(new URLSearchParams(verified.body).get("payload") ?? "");
  } catch {
    return Response.json({ error: "The payload is not JSON" }, { status: 400 });
  }
  return slackResponse(await handleInteraction(payload as Parameters<typeof handleInteraction>[0]));
}
