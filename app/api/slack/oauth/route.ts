import type { NextRequest } from "next/server";
import { requirePageActor } from "@/lib/auth/session";
import { appUrl } from "@/lib/email/links";
import { completeSlackInstall } from "@/lib/slack/service";

/** Slack sends the admin back here after consent; the code becomes the organisation's bot token. */
export async function GET(req: NextRequest): Promise<Response> {
  const actor = await requirePageActor();
  const code = req.nextUrl.searchParams.get("code");
  const state = req.nextUrl.searchParams.get("state") ?? "";
  const denied = req.nextUrl.searchParams.get("error");
  const back = (query: string) => Response.redirect(appUrl(`/settings/organization/slack?${query}`), 302);
  if (denied || !code) return back(`error=${encodeURIComponent(denied ? `Slack said: ${denied}` : "Slack sent no code")}`);
  try {
    await completeSlackInstall(actor, code, state);
    return back("connected=1");
  } catch (error) {
    return back(`error=${encodeURIComponent(error instanceof Error ? error.message : "Slack could not be connected")}`);
  }
}
