import { Badge } from "@/components/ui/badge";

/** A delivery's state in words, with the receiver's status when it answered. */
export function DeliveryStateBadge({ state, statusCode, hasTried }: { state: string; statusCode: number | null; hasTried: boolean }) {
  const code = statusCode === null ? "" : ` · ${statusCode}`;
  if (state === "delivered") return <Badge tone="success">Delivered{code}</Badge>;
  if (state === "failed") return <Badge tone="danger">Failed{code}</Badge>;
  return hasTried ? <Badge tone="warning">Retrying{code}</Badge> : <Badge tone="info">Waiting to be sent</Badge>;
}
