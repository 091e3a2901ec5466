import type { InitiativeStatusValue } from "./schemas";

export interface InitiativeRow {
  id: string;
  keyResultId: string;
  ownerId: string;
  title: string;
  status: InitiativeStatusValue;
  dueDate: Date | null;
  url: string | null;
  position: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** An initiative as the API gives it: its due day as "2027-02-15". */
export function serializeInitiative(row: InitiativeRow) {
  return {
    id: row.id,
    keyResultId: row.keyResultId,
    ownerId: row.ownerId,
    title: row.title,
    status: row.status,
    dueDate: row.dueDate ? row.dueDate.toISOString().slice(0, 10) : null,
    url: row.url,
    position: row.position,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
