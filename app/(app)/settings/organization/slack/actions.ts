"use server";

import { z } from "zod";
import { defineAction } from "@/lib/http/action";
import { disconnectSlack } from "@/lib/slack/service";

export const disconnectSlackAction = defineAction({
  permission: "org.update",
  schema: z.object({}),
  run: async ({ actor }) => disconnectSlack(actor),
  message: (i) => `Slack workspace ${i.slackTeamName} disconnected`,
});
