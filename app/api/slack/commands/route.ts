import { handleSlashCommand } from "@/lib/slack/service";
import { slackResponse, verifiedSlackBody } from "@/lib/slack/request";

/** Slack's slash command, /keel: signed by Slack, answered within its three seconds. */
export async function POST(req: Request): Promise<Response> {
  const verified = await verifiedSlackBody(req);
  if ("refusal" in verified) return verified.refusal;
  return slackResponse(await handleSlashCommand(new URLSearchParams(verified.body)));
}
