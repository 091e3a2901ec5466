/** Who the mocked session belongs to in integration tests (see tests/setup/worker.ts). */
export const sessionState: { userId: string | null; sessionVersion: number; headers: Record<string, string> } = { userId: null, sessionVersion: 0, headers: {} };

/** Signs in with a session issued at the given version (0, every new account's, unless a test ended sessions). */
export function signInAs(userId: string | null, sessionVersion = 0): void {
  sessionState.userId = userId;
  sessionState.sessionVersion = sessionVersion;
}

/** The request headers server actions see (next/headers is mocked in tests/setup/worker.ts). */
export function setRequestHeaders(headers: Record<string, string>): void {
  sessionState.headers = headers;
}
