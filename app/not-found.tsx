import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-700">There is nothing at this address.</p>
      <Link href="/" className="mt-4 inline-block font-medium text-brand-700 underline">
        Back to home
      </Link>
    </main>
  );
}
