"use client";

import { createContext, useContext, useEffect, type ReactNode } from "react";
import { ORGANIZATION_FIELD, ORGANIZATION_HEADER } from "@/lib/http/organization-field";

const OrganizationContext = createContext<string | null>(null);

/**
 * The organisation this page was rendered for. Every form submitted while it is mounted carries the id (the
 * server refuses a form from an organisation the person has since switched away from in another tab), so no
 * form has to remember to add it. Forms with method="get" (filters) are left alone: they only change the URL.
 */
export function OrganizationProvider({ organizationId, children }: { organizationId: string; children: ReactNode }) {
  useEffect(() => {
    function addOrganization(event: FormDataEvent) {
      const form = event.target as HTMLFormElement | null;
      if (form?.getAttribute("method")?.toLowerCase() === "get") return;
      if (!event.formData.has(ORGANIZATION_FIELD)) event.formData.append(ORGANIZATION_FIELD, organizationId);
    }
    // Capture on the document: dialogs render in portals outside the shell, and formdata need not bubble.
    document.addEventListener("formdata", addOrganization, true);
    return () => document.removeEventListener("formdata", addOrganization, true);
  }, [organizationId]);
  return <OrganizationContext.Provider value={organizationId}>{children}</OrganizationContext.Provider>;
}

/** For actions called with an object rather than a form, and for fetches to the API with the session cookie. */
export function useOrganizationId(): string | null {
  return useContext(OrganizationContext);
}

export function organizationHeaders(organizationId: string | null): Record<string, string> {
  return organizationId ? { [ORGANIZATION_HEADER]: organizationId } : {};
}
