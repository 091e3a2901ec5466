import type { RoleName } from "./schemas";

export interface MemberRow {
  id: string;
  role: RoleName;
  createdAt: Date;
  user: { id: string; name: string; email: string };
}

/** The API's view of a member: the person's id, not the membership's, since that is what other resources name. */
export function serializeMember(row: MemberRow) {
  return {
    userId: row.user.id,
    name: row.user.name,
    email: row.user.email,
    role: row.role,
    joinedAt: row.createdAt.toISOString(),
  };
}
export type MemberJson = ReturnType<typeof serializeMember>;
