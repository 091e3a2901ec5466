import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { SignOutEverywhere } from "@/components/auth/sign-out-everywhere";
import { ProfileForm } from "@/components/checkins/profile-form";
import { requirePageActor } from "@/lib/auth/session";
import { getProfile } from "@/lib/reminders/preferences";
import { listTimeZones } from "@/lib/reminders/time-zones";

export const metadata: Metadata = { title: "Profile and reminders" };

export default async function ProfilePage() {
  const actor = await requirePageActor();
  const profile = await getProfile(actor.userId);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Profile and reminders</h1>
      <ProfileForm profile={profile} timeZones={listTimeZones()} />
      <ChangePasswordForm />
      <SignOutEverywhere />
    </div>
  );
}
