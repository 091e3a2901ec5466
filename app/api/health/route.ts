import { db } from "@/lib/db/prisma";

export const dynamic = "force-dynamic";

/** For load balancers and the start script: the app answers and reaches its database. */
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "unavailable", detail: "The database cannot be reached" }, { status: 503 });
  }
}
