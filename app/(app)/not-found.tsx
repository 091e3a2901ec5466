import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-700">That page does not exist in your organisation, or it was removed.</p>
      <Link href="/" className="mt-4 inline-block font-medium text-brand-700 underline">
        Back to home
      </Link>
    </div>
  );
}
