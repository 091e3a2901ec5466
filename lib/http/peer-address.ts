import type { IncomingMessage } from "node:http";
import { onServerEvent } from "./server-events";

/**
 * The header the server writes with the address of the connection itself, replacing any value a client sent.
 * Next.js only writes X-Forwarded-For when the client did not, so that header alone cannot tell a direct client's
 * address from one it made up.
 */
export const PEER_ADDRESS_HEADER = "x-keel-peer-address";

const state = globalThis as unknown as { keelPeerAddress?: boolean };

/**
 * Writes the address of each request's connection into a header, over whatever a client sent under that name.
 * Route handlers and server actions only see headers, and Next.js keeps a client's own X-Forwarded-For, so
 * without this a direct client could claim any address to the rate limits.
 */
export function stampPeerAddresses(): void {
  if (state.keelPeerAddress) return;
  state.keelPeerAddress = true;
  onServerEvent("request", (_server, [request]) => {
    const req = request as IncomingMessage;
    req.headers[PEER_ADDRESS_HEADER] = req.socket?.remoteAddress ?? "unknown";
  });
}
