"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

interface CycleOption {
  id: string;
  name: string;
  state: string;
}

/** Switches the cycle of the page being looked at by putting it in the URL, so a shared link shows the same cycle. */
export function CycleSelect({ cycles, defaultCycleId }: { cycles: CycleOption[]; defaultCycleId: string | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const selected = searchParams.get("cycle") ?? defaultCycleId ?? cycles[0]?.id ?? "";
  if (!cycles.length) return null;
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <span>Cycle</span>
      <select
        aria-label="Cycle"
        className="max-w-40 rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
        value={selected}
        onChange={(event) => {
          const next = new URLSearchParams(searchParams.toString());
          next.set("cycle", event.target.value);
          router.push(`${pathname}?${next.toString()}`);
        }}
      >
        {cycles.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.state === "active" ? "" : c.state === "planning" ? " (planning)" : " (closed)"}
          </option>
        ))}
      </select>
    </label>
  );
}
