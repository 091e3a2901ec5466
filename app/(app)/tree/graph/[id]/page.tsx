import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AlignmentGraph } from "@/components/tree/alignment-graph";
import { requirePageActor } from "@/lib/auth/session";
import { loadOr404 } from "@/lib/http/page";
import { IdParamsSchema } from "@/lib/http/schemas";
import { loadGraph } from "@/lib/tree/graph";

export const metadata: Metadata = { title: "Alignment graph" };

export default async function GraphPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const parsed = IdParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const graph = await loadOr404(() => loadGraph(actor.orgId, parsed.data.id));
  const root = graph.nodes.find((n) => n.id === parsed.data.id)!;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">{root.title}</h1>
        <p className="text-sm text-slate-700">
          {graph.nodes.length - 1} objective{graph.nodes.length === 2 ? "" : "s"} aligned beneath ·{" "}
          <Link className="font-medium text-brand-700 underline" href={`/tree?cycle=${graph.cycleId}&selected=${root.id}`}>
            Back to the tree
          </Link>{" "}
          · dashed lines go through a key result
        </p>
      </div>
      <AlignmentGraph nodes={graph.nodes} width={graph.width} height={graph.height} label={root.title} />
    </div>
  );
}
