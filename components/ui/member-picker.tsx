"use client";

import { useCallback } from "react";
import { Combobox, type ComboOption } from "./combobox";

interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: string;
}

/** Picks a member of the signed-in person's organisation, searching by name or email on the server. */
export function MemberPicker(props: { id: string; name: string; label: string; initial?: ComboOption | null; errors?: string[]; allowClear?: boolean; placeholder?: string }) {
  const load = useCallback(async (query: string): Promise<ComboOption[]> => {
    const res = await fetch(`/api/v1/members?limit=20&q=${encodeURIComponent(query)}`, { headers: { accept: "application/json" } });
    if (!res.ok) return [];
    const body = (await res.json()) as { data: MemberRow[] };
    return body.data.map((m) => ({ value: m.userId, label: m.name, detail: m.email }));
  }, []);
  return <Combobox {...props} load={load} allowClear={props.allowClear ?? false} placeholder={props.placeholder ?? "Search people by name or email"} />;
}
