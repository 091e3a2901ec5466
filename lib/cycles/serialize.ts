import { isoDate } from "@/lib/dates/week";

export interface CycleRow {
  id: string;
  name: string;
  state: "planning" | "active" | "closed";
  startDate: Date;
  endDate: Date;
  closedAt?: Date | null;
  createdAt?: Date;
}

export function serializeCycle(cycle: CycleRow, defaultCycleId?: string | null) {
  return {
    id: cycle.id,
    name: cycle.name,
    state: cycle.state,
    startDate: isoDate(cycle.startDate),
    endDate: isoDate(cycle.endDate),
    closedAt: cycle.closedAt?.toISOString() ?? null,
    isDefault: defaultCycleId === cycle.id,
  };
}
