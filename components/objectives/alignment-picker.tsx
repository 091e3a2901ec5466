"use client";

import { useCallback } from "react";
import { organizationHeaders, useOrganizationId } from "@/components/shell/organization-provider";
import { Combobox, type ComboOption } from "@/components/ui/combobox";

interface Candidate {
  objectiveId: string;
  title: string;
  teamName: string | null;
  level: string;
  keyResults: { id: string; title: string }[];
}

/**
 * Picks what an objective contributes to: any objective of the same cycle, in any team, or one of its key results.
 * Its value is "objective:<id>" or "key_result:<id>", in a field named `parent`.
 */
export function AlignmentPicker({
  cycleId,
  excludeObjectiveId,
  initial,
  errors,
  id = "parent",
  name = "parent",
  label = "Contributes to",
  onlyKeyResults = false,
  clearLabel = "Nothing (not aligned)",
  placeholder = "Search objectives and key results of this cycle",
  allowClear = true,
}: {
  cycleId: string;
  excludeObjectiveId?: string;
  initial?: ComboOption | null;
  errors?: string[];
  id?: string;
  name?: string;
  label?: string;
  /** Offer key results only (a dependency names a key result, never an objective). */
  onlyKeyResults?: boolean;
  clearLabel?: string;
  placeholder?: string;
  allowClear?: boolean;
}) {
  const organizationId = useOrganizationId();
  const load = useCallback(
    async (query: string): Promise<ComboOption[]> => {
      const params = new URLSearchParams({ cycleId, q: query });
      if (excludeObjectiveId) params.set("exclude", excludeObjectiveId);
      const res = await fetch(`/api/v1/alignment-candidates?${params}`, { headers: { accept: "application/json", ...organizationHeaders(organizationId) } });
      if (!res.ok) return [];
      const body = (await res.json()) as { data: Candidate[] };
      // The server returns an objective when it or any of its key results matches, with all its key results; only
      // the options whose own text matches what was typed are offered, so the list narrows with each letter.
      const needle = query.trim().toLowerCase();
      const isMatch = (text: string) => !needle || text.toLowerCase().includes(needle);
      return body.data.flatMap((c) => {
        const group = c.teamName ?? (c.level === "company" ? "Company" : "Personal");
        return [
          ...(!onlyKeyResults && isMatch(c.title) ? [{ value: `objective:${c.objectiveId}`, label: c.title, detail: "objective", group }] : []),
          ...c.keyResults
            .filter((kr) => isMatch(kr.title))
            .map((kr) => ({ value: `key_result:${kr.id}`, label: `↳ ${kr.title}`, detail: `key result of ${c.title}`, group })),
        ];
      });
    },
    [cycleId, excludeObjectiveId, organizationId, onlyKeyResults],
  );
  return (
    <Combobox
      id={id}
      name={name}
      label={label}
      load={load}
      initial={initial}
      errors={errors}
      clearLabel={clearLabel}
      allowClear={allowClear}
      placeholder={placeholder}
    />
  );
}
