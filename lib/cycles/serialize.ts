import { isoDate } from "@/lib/dates/week";
import type { CycleState } from "@/lib/generated/prisma/enums";

export interface CycleRow {
  id: string;
  name: string;
  state: CycleState;
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
