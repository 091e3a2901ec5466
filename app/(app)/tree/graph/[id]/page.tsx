import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AlignmentGraph } from "@/components/tree/alignment-graph";
import { AddressProblems } from "@/components/ui/address-problems";
import { requirePageActor } from "@/lib/auth/session";
import { parseAddress } from "@/lib/http/address";
import { loadOr404, type SearchParams } from "@/lib/http/page";
import { IdParamsSchema } from "@/lib/http/schemas";
import { loadGraph } from "@/lib/tree/graph";
import { TREE_PARAMS } from "@/lib/tree/params";

export const metadata: Metadata = { title: "Alignment graph" };

export default async function GraphPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const parsed = IdParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const graph = await loadOr404(() => loadGraph(actor.orgId, parsed.data.id));
  const { values, problems } = parseAddress({ level: TREE_PARAMS.level }, await searchParams);
  const root = graph.objectives.find((o) => o.id === graph.rootId)!;
  const beneath = graph.objectives.length - 1;
  return (
    <div className="space-y-3">
      <div data-graph-chrome className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">{root.title}</h1>
        <p className="text-sm text-slate-700">
          {beneath} objective{beneath === 1 ? "" : "s"} aligned beneath ·{" "}
          <Link className="font-medium text-brand-700 underline" href={`/tree?cycle=${graph.cycleId}&selected=${root.id}`}>
            Back to the tree
          </Link>
        </p>
      </div>
      <div data-graph-chrome>
        <AddressProblems problems={problems} />
      </div>
      <AlignmentGraph data={graph} initialLevel={values.level ?? null} label={root.title} />
    </div>
  );
}
