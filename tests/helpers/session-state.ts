/** Who the mocked session belongs to in integration tests (see tests/setup/worker.ts). */
export const sessionState: { userId: string | null; headers: Record<string, string> } = { userId: null, headers: {} };

export function signInAs(userId: string | null): void {
  sessionState.userId = userId;
}

/** The request headers server actions see (next/headers is mocked in tests/setup/worker.ts). */
export function setRequestHeaders(headers: Record<string, string>): void {
  sessionState.headers = headers;
}
