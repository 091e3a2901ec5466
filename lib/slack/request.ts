import "server-only";
import { problemResponse } from "@/lib/http/problem";
import type { SlackReply } from "./service";
import { slackSettings } from "./service";
import { isFromSlack } from "./signature";

/**
 * Reads a request Slack sent: the raw body is checked against X-Slack-Signature before anything in it is used. A bad
 * signature or an old timestamp answers 401 and does nothing.
 */
export async function verifiedSlackBody(req: Request): Promise<{ body: string } | { refusal: Response }> {
  const settings = slackSettings();
  if (!settings) return { refusal: problemResponse({ type: "https://keel.dev/problems/not-found", title: "Not found", status: 404, detail: "Slack is not set up on this Keel instance" }) };
  const body = await req.text();
  if (!isFromSlack(settings.signingSecret, req.headers.get("x-slack-request-timestamp"), req.headers.get("x-slack-signature"), body)) {
    return { refusal: problemResponse({ type: "https://keel.dev/problems/unauthenticated", title: "Unauthenticated", status: 401, detail: "The request is not signed by Slack, or is too old" }) };
  }
  return { body };
}

export function slackResponse(reply: SlackReply): Response {
  if (reply.body === "" || reply.body === undefined) return new Response(null, { status: reply.status });
  return Response.json(reply.body, { status: reply.status });
}
