/** Who the mocked session belongs to in integration tests (see tests/setup/worker.ts). */
export const sessionState: { userId: string | null; sessionVersion: number } = { userId: null, sessionVersion: 0 };

/** Signs in with a session issued at the given version (0, every new account's, unless a test ended sessions). */
export function signInAs(userId: string | null, sessionVersion = 0): void {
  sessionState.userId = userId;
  sessionState.sessionVersion = sessionVersion;
}
