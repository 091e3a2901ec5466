import { describe, expect, it } from "vitest";
import { poolConfigFromUrl, sslSettings } from "./connection";

const FILES: Record<string, string> = { "/etc/keel/root.crt": "ROOT", "/etc/keel/client.crt": "CERT", "/etc/keel/client.key": "KEY" };
const readFile = (path: string) => {
  const text = FILES[path];
  if (text === undefined) throw new Error("ENOENT");
  return text;
};
const settings = (query: string) => sslSettings(new URLSearchParams(query), readFile);

describe("sslmode as libpq documents it", () => {
  it("disable, or no sslmode at all, connects in plain text", () => {
    expect(settings("sslmode=disable")).toEqual({ ssl: false, fallbackToPlain: false });
    expect(settings("")).toEqual({ ssl: false, fallbackToPlain: false });
  });

  it("prefer tries TLS without checks and falls back to plain", () => {
    expect(settings("sslmode=prefer")).toEqual({ ssl: { rejectUnauthorized: false }, fallbackToPlain: true });
  });

  it("allow tries plain first and TLS without checks when the server refuses plain", () => {
    expect(settings("sslmode=allow")).toEqual({ ssl: false, fallbackToPlain: false, fallbackToTls: { rejectUnauthorized: false } });
  });

  it("require encrypts without checking the certificate, and never falls back", () => {
    expect(settings("sslmode=require")).toEqual({ ssl: { rejectUnauthorized: false }, fallbackToPlain: false });
  });

  it("require with a root certificate checks the chain, as libpq does", () => {
    const { ssl } = settings("sslmode=require&sslrootcert=/etc/keel/root.crt");
    expect(ssl).toMatchObject({ rejectUnauthorized: true, ca: "ROOT" });
  });

  it("verify-ca checks the chain against sslrootcert but not the host name", () => {
    const { ssl, fallbackToPlain } = settings("sslmode=verify-ca&sslrootcert=/etc/keel/root.crt");
    expect(fallbackToPlain).toBe(false);
    expect(ssl).toMatchObject({ rejectUnauthorized: true, ca: "ROOT" });
    const check = (ssl as { checkServerIdentity: (host: string, cert: unknown) => Error | undefined }).checkServerIdentity;
    expect(check("db.internal", { subject: { CN: "other.host" } })).toBeUndefined();
  });

  it("verify-full checks the chain and the host name (Node's own check)", () => {
    const { ssl } = settings("sslmode=verify-full&sslrootcert=/etc/keel/root.crt");
    expect(ssl).toEqual({ rejectUnauthorized: true, ca: "ROOT" });
    // Without sslrootcert, the system's roots.
    expect(settings("sslmode=verify-full").ssl).toEqual({ rejectUnauthorized: true });
  });

  it("adds a client certificate from sslcert and sslkey", () => {
    expect(settings("sslmode=verify-full&sslcert=/etc/keel/client.crt&sslkey=/etc/keel/client.key").ssl).toEqual({ rejectUnauthorized: true, cert: "CERT", key: "KEY" });
  });

  it("refuses an unknown mode or a file it cannot read, naming it", () => {
    expect(() => settings("sslmode=verify")).toThrow(/unknown sslmode 'verify'/);
    expect(() => settings("sslmode=verify-full&sslrootcert=/nope.crt")).toThrow(/sslrootcert=\/nope.crt/);
  });

  it("reaches pg's settings from DATABASE_URL", () => {
    expect(poolConfigFromUrl("postgresql://keel@db.internal:5432/keel?sslmode=require").ssl).toEqual({ rejectUnauthorized: false });
    expect(poolConfigFromUrl("postgresql://keel@db.internal:5432/keel").ssl).toBe(false);
  });
});
