import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { selectCycle, type CycleSummary } from "@/lib/cycles/queries";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Runs a page's data loading; ids that are unknown or belong to another organisation become the 404 page. */
export async function loadOr404<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The cycle named by `?cycle=`, or the default one; an unknown cycle id is a 404. */
export async function pageCycle(actor: Actor, searchParams: SearchParams): Promise<CycleSummary | null> {
  const params = await searchParams;
  return loadOr404(() => selectCycle(actor, firstParam(params.cycle)));
}
