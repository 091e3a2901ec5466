import type { Metadata } from "next";
import { VerifyEmailForm } from "@/components/auth/verify-email-form";

// The secret is in the address: keep it out of Referer headers.
export const metadata: Metadata = { title: "Verify your email", referrer: "no-referrer" };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  return (
    <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold">Verify your email</h1>
      {typeof token === "string" && token ? (
        <VerifyEmailForm token={token} />
      ) : (
        <p className="mt-2 text-sm text-slate-700">This link is incomplete. Sign in and ask for a new verification mail.</p>
      )}
    </div>
  );
}
