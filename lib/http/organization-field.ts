/**
 * How a page tells the server which organisation it was showing. Forms carry it as a field (added centrally by
 * components/shell/organization-provider.tsx), cookie-authenticated API calls as a header. Shared by client and
 * server code, so nothing here may be server-only.
 */
export const ORGANIZATION_FIELD = "$KEEL_ORGANIZATION";
export const ORGANIZATION_HEADER = "keel-organization";

export const SWITCHED_ORGANIZATION_MESSAGE = "You switched organisation in another tab; reload this page to continue. Nothing was saved.";
