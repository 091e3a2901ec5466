"use server";

import { z } from "zod";
import { defineAction } from "@/lib/http/action";
import { idSchema, safeString } from "@/lib/http/schemas";
import { disconnectSlack, setTeamDigestChannel } from "@/lib/slack/service";

export const disconnectSlackAction = defineAction({
  permission: "org.update",
  schema: z.object({}),
  run: async ({ actor }) => disconnectSlack(actor),
  message: (i) => `Slack workspace ${i.slackTeamName} disconnected`,
});

export const setTeamDigestChannelAction = defineAction({
  permission: "org.update",
  schema: z.object({
    teamId: idSchema("Choose a team"),
    channelId: safeString()
      .trim()
      .max(40, "Channel ids are at most 40 characters")
      .optional()
      .transform((v) => (v ? v.toUpperCase() : null)),
  }),
  run: async ({ actor, input }) => setTeamDigestChannel(actor, input.teamId, input.channelId),
  message: (t) => (t.channelId ? `${t.name}'s weekly digest will be posted to ${t.channelId}` : `${t.name}'s weekly digest is no longer posted to Slack`),
});
