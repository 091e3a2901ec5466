import { Server } from "node:http";

type Listener = (server: Server, args: unknown[]) => void;
type Hooked = "connection" | "request";

interface Hooks {
  connection: Listener[];
  request: Listener[];
}

// On globalThis: the instrumentation hook and the route bundles are separate module graphs in one process, and the
// prototype must be patched once however many of them load this.
const holder = globalThis as unknown as { keelServerHooks?: Hooks };

/**
 * Runs `listener` before every HTTP server of this process handles a connection or a request. Next.js creates its
 * server before instrumentation.ts runs and hands it to no one, so its events are the only way in. Listeners run in
 * the order they were added (the peer address, then the request id and timing, then the shutdown's bookkeeping).
 */
export function onServerEvent(event: Hooked, listener: Listener): void {
  holder.keelServerHooks ??= install();
  holder.keelServerHooks[event].push(listener);
}

function install(): Hooks {
  const hooks: Hooks = { connection: [], request: [] };
  const emit = Server.prototype.emit;
  Server.prototype.emit = function emitHooked(this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "connection" || event === "request") for (const listener of hooks[event]) listener(this, args);
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof Server.prototype.emit;
  return hooks;
}
