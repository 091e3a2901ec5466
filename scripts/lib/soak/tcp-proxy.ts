import net from "node:net";

/**
 * A plain TCP relay between PgBouncer and Postgres. `cut()` destroys every open connection at once, both sides, the
 * way a network blip or a failed-over load balancer would: Postgres sees its clients vanish mid-transaction, and
 * PgBouncer sees its server connections drop. New connections are accepted again right away.
 */
export class TcpProxy {
  private readonly server: net.Server;
  private readonly open = new Set<net.Socket>();
  cuts = 0;

  constructor(
    private readonly listenPort: number,
    private readonly target: { host: string; port: number },
  ) {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      this.open.add(client);
      this.open.add(upstream);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.open.delete(client);
        this.open.delete(upstream);
      };
      client.on("error", close);
      upstream.on("error", close);
      client.on("close", close);
      upstream.on("close", close);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.listenPort, "127.0.0.1", () => {
        this.server.off("error", reject);
        resolve();
      });
    });
  }

  /** How many sockets (both sides counted) are open right now. */
  get connections(): number {
    return this.open.size;
  }

  /** Drops every connection; returns how many sockets were cut. */
  cut(): number {
    const count = this.open.size;
    for (const socket of this.open) socket.destroy();
    this.open.clear();
    this.cuts += 1;
    return count;
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
