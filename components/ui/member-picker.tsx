"use client";

import { useCallback } from "react";
import { organizationHeaders, useOrganizationId } from "@/components/shell/organization-provider";
import { Combobox, type ComboOption } from "./combobox";

interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: string;
}

/** Picks a member of the signed-in person's organisation, searching by name or email on the server. */
export function MemberPicker(props: { id: string; name: string; label: string; initial?: ComboOption | null; errors?: string[]; allowClear?: boolean; placeholder?: string }) {
  const organizationId = useOrganizationId();
  const load = useCallback(async (query: string): Promise<ComboOption[]> => {
    // The page's organisation, not the one last switched to in another tab.
    const headers = { accept: "application/json", ...organizationHeaders(organizationId) };
    const res = await fetch(`/api/v1/members?limit=20&q=${encodeURIComponent(query)}`, { headers });
    if (!res.ok) return [];
    const body = (await res.json()) as { data: MemberRow[] };
    return body.data.map((m) => ({ value: m.userId, label: m.name, detail: m.email }));
  }, [organizationId]);
  return <Combobox {...props} load={load} allowClear={props.allowClear ?? false} placeholder={props.placeholder ?? "Search people by name or email"} />;
}
