import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  return (
    <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold">Create your account</h1>
      <p className="mt-1 text-sm text-slate-700">You will be the owner of a new organisation. Joining a colleague&apos;s? Use their invitation link instead.</p>
      <SignUpForm callbackUrl={callbackUrl} />
      <p className="mt-6 text-sm text-slate-700">
        Already have an account?{" "}
        <Link className="font-medium text-brand-700 underline-offset-2 hover:underline" href="/signin">
          Sign in
        </Link>
      </p>
    </div>
  );
}
