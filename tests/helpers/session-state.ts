/** Who the mocked session belongs to in integration tests (see tests/setup/worker.ts). */
export const sessionState: { userId: string | null } = { userId: null };

export function signInAs(userId: string | null): void {
  sessionState.userId = userId;
}
