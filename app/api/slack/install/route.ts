import { requirePageActor } from "@/lib/auth/session";
import { slackInstallUrl } from "@/lib/slack/service";

/** "Add to Slack": to Slack's consent page, for an owner or admin. */
export async function GET(): Promise<Response> {
  const actor = await requirePageActor();
  try {
    return Response.redirect(slackInstallUrl(actor), 302);
  } catch (error) {
    const message = error instanceof Error ? error.message : "Slack could not be connected";
    return Response.redirect(new URL(`/settings/organization/slack?error=${encodeURIComponent(message)}`, process.env.NEXTAUTH_URL ?? "http://localhost:3000"), 302);
  }
}
