/**
 * A bounded label for a request path. A plain Node hook never learns which route pattern Next matched, so ids are
 * replaced by `:id` and odd paths collapsed; a client sending random addresses must not make a time series each.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLAIN_WORD = /^[A-Za-z][A-Za-z0-9_.~-]{0,31}$/;
const MAX_SEGMENTS = 6;
/** Distinct labels kept per process; past this every new one is `other`. */
export const MAX_ROUTE_LABELS = 300;
export const OTHER_ROUTE = "other";

/** A segment that is an id, a token or anything but a short word becomes `:id`. */
function segmentLabel(segment: string): string {
  if (UUID.test(segment) || /^\d+$/.test(segment)) return ":id";
  if (!PLAIN_WORD.test(segment)) return ":id";
  // Words carry few digits; slugs with long runs of them, or hex and base64 tokens, are ids.
  if (/\d{4,}/.test(segment) || (segment.length >= 16 && /\d/.test(segment))) return ":id";
  return segment;
}

/** The label before bounding: `/api/v1/objectives/<uuid>?x=1` is `/api/v1/objectives/:id`. */
export function pathLabel(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? "/";
  if (path.startsWith("/_next/static/")) return "/_next/static/*";
  if (path.startsWith("/_next/")) return "/_next/*";
  const segments = path.split("/").filter(Boolean);
  const shown = segments.slice(0, MAX_SEGMENTS).map(segmentLabel);
  return `/${shown.join("/")}${segments.length > MAX_SEGMENTS ? "/*" : ""}`;
}

/**
 * A label is admitted the first time the server answers it successfully (2xx or 304): only addresses that exist get
 * one. Until then it is `other`, so a client inventing addresses adds no series, whether the server answers them with
 * a 404, a sign-in redirect or a 400. Once admitted, every answer keeps the label (a 404 for an id that does not
 * exist, a 401 without a token). Past MAX_ROUTE_LABELS, new labels are `other` too.
 */
export class RouteLabels {
  private readonly known = new Set<string>();

  constructor(private readonly limit = MAX_ROUTE_LABELS) {}

  label(url: string, status: number): string {
    const label = pathLabel(url);
    if (this.known.has(label)) return label;
    const isSuccess = (status >= 200 && status < 300) || status === 304;
    if (!isSuccess || this.known.size >= this.limit) return OTHER_ROUTE;
    this.known.add(label);
    return label;
  }
}
