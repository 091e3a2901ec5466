import type { Metadata } from "next";
import { SettingsPageHeader } from "@/components/settings/settings-page-header";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/ui/action-button";
import { AddressProblems } from "@/components/ui/address-problems";
import { buttonClass } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/session";
import { db } from "@/lib/db/prisma";
import { formatDateTime } from "@/lib/format";
import type { RawAddress } from "@/lib/http/address";
import { can } from "@/lib/permissions";
import { slackSettings } from "@/lib/slack/service";
import { TeamDigestForm } from "@/components/slack/team-digest-form";
import { disconnectSlackAction } from "./actions";

export const metadata: Metadata = { title: "Slack" };

export default async function SlackPage({ searchParams }: { searchParams: Promise<RawAddress> }) {
  const actor = await requirePageActor();
  if (!can(actor, "org.update")) notFound();
  const query = await searchParams;
  const error = typeof query.error === "string" ? query.error.slice(0, 300) : null;
  const installation = await db.slackInstallation.findUnique({ where: { organizationId: actor.orgId }, select: { slackTeamName: true, createdAt: true, installedBy: { select: { name: true } } } });
  const isAvailable = slackSettings() !== null;
  const teams = installation
    ? await db.team.findMany({ where: { organizationId: actor.orgId, archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, slackChannelId: true } })
    : [];
  return (
    <div className="max-w-3xl space-y-4">
      <SettingsPageHeader title="Slack">
        With Slack connected, the weekly reminder also arrives as a Slack message with a <em>Check in</em> button that opens every due key result in one form,
        and <code>/keel checkin</code> and <code>/keel status &lt;objective&gt;</code> work in any channel. People are matched by their verified email address.
      </SettingsPageHeader>
      <AddressProblems problems={error ? [error] : []} title="Slack was not connected:" />
      <CardSection aria-labelledby="slack-state">
        <h2 id="slack-state" className="text-base font-semibold">
          {installation ? `Connected to ${installation.slackTeamName}` : "Not connected"}
        </h2>
        {installation ? (
          <>
            <p className="mt-1 text-sm text-slate-700" data-testid="slack-connected">
              Connected {formatDateTime(installation.createdAt)}
              {installation.installedBy ? ` by ${installation.installedBy.name}` : ""}.
            </p>
            <div className="mt-3">
              <ActionButton
                action={disconnectSlackAction}
                fields={{}}
                label="Disconnect"
                variant="ghost"
                confirm={{ title: "Disconnect Slack?", description: "Reminders stop arriving in Slack and /keel stops answering. Remove the app in Slack too.", confirmLabel: "Disconnect" }}
              />
            </div>
          </>
        ) : isAvailable ? (
          <p className="mt-3">
            <a href="/api/slack/install" className={buttonClass("primary")}>
              Add to Slack
            </a>
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-700">
            This Keel instance has no Slack app yet. Its operator creates one at api.slack.com (redirect URL <code>&lt;NEXTAUTH_URL&gt;/api/slack/oauth</code>, slash
            command <code>/keel</code> → <code>/api/slack/commands</code>, interactivity → <code>/api/slack/interactions</code>) and sets SLACK_CLIENT_ID,
            SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET.
          </p>
        )}
      </CardSection>
      {installation ? (
        <CardSection aria-labelledby="slack-digests">
          <h2 id="slack-digests" className="text-base font-semibold">
            Team digests in Slack
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            On Tuesdays each lead gets a digest of their team’s week by mail; a team with a channel also gets it posted there: who checked in, who is overdue,
            what is off track.
          </p>
          <ul className="mt-2 text-sm" data-testid="slack-digest-channels">
            {teams
              .filter((t) => t.slackChannelId)
              .map((t) => (
                <li key={t.id}>
                  {t.name} → <code>{t.slackChannelId}</code>
                </li>
              ))}
          </ul>
          <TeamDigestForm teams={teams.map((t) => ({ id: t.id, name: t.name }))} />
        </CardSection>
      ) : null}
    </div>
  );
}
