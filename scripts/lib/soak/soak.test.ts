import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { requireBinary, SoakSetupError } from "./processes";
import { TcpProxy } from "./tcp-proxy";
import { DEFAULT_PORTS, HEALTH_PATH, haproxyCfg, pgbouncerIni } from "./topology";

describe("soak topology", () => {
  it("names the Debian package of a missing binary", () => {
    expect(() => requireBinary("/nonexistent/haproxy", "haproxy")).toThrow(SoakSetupError);
    expect(() => requireBinary("/nonexistent/haproxy", "haproxy")).toThrow("apt-get install -y haproxy");
  });

  it("balances over every app server, health-checked, retrying only refused connections", () => {
    const cfg = haproxyCfg(DEFAULT_PORTS);
    for (const port of DEFAULT_PORTS.apps) expect(cfg).toContain(`127.0.0.1:${port} check`);
    expect(cfg).toContain(`option httpchk GET ${HEALTH_PATH}`);
    expect(cfg).toMatch(/^\s*retry-on conn-failure$/m);
    expect(cfg).toMatch(/^\s*balance roundrobin$/m);
  });

  it.skipIf(!existsSync("/usr/sbin/haproxy"))("writes a config HAProxy accepts", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "keel-soak-"));
    try {
      writeFileSync(path.join(dir, "haproxy.cfg"), haproxyCfg(DEFAULT_PORTS));
      expect(() => execFileSync("/usr/sbin/haproxy", ["-c", "-q", "-f", path.join(dir, "haproxy.cfg")], { stdio: "pipe" })).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("pools by transaction through the proxy, ignoring Keel's startup options", () => {
    const ini = pgbouncerIni("/tmp/x", DEFAULT_PORTS);
    expect(ini).toMatch(/^pool_mode = transaction$/m);
    expect(ini).toMatch(/^ignore_startup_parameters = extra_float_digits,options$/m);
    expect(ini).toContain(`port=${DEFAULT_PORTS.proxy}`);
  });
});

describe("TcpProxy", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("relays bytes both ways, and cut() drops every open connection while new ones are accepted", async () => {
    const echo = net.createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => echo.close(() => resolve())));
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const proxy = new TcpProxy(port, { host: "127.0.0.1", port: (echo.address() as net.AddressInfo).port });
    await proxy.listen();
    cleanups.push(() => proxy.close());

    const connect = () =>
      new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect(port, "127.0.0.1", () => resolve(socket));
        socket.once("error", reject);
      });
    const roundTrip = (socket: net.Socket, text: string) =>
      new Promise<string>((resolve) => {
        socket.once("data", (d) => resolve(d.toString()));
        socket.write(text);
      });

    const first = await connect();
    expect(await roundTrip(first, "hello")).toBe("hello");
    const closed = new Promise<void>((resolve) => first.once("close", () => resolve()));
    expect(proxy.cut()).toBeGreaterThanOrEqual(2);
    await closed;

    const second = await connect();
    cleanups.push(() => void second.destroy());
    expect(await roundTrip(second, "again")).toBe("again");
  });
});
