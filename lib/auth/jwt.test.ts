import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSession, encodeSession } from "./jwt";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const token = { uid: "0193aa00-0000-7000-8000-000000000001", email: "ada@example.test", name: "Ada" };

describe("session tokens", () => {
  it("read cookies next-auth wrote, and write cookies next-auth reads", async () => {
    expect(await decodeSession({ token: await encode({ token, secret }), secret })).toMatchObject(token);
    expect(await decode({ token: await encodeSession({ token, secret }), secret })).toMatchObject(token);
  });

  it("keep keys of different secrets and salts apart", async () => {
    const written = await encodeSession({ token, secret, salt: "one" });
    expect(await decodeSession({ token: written, secret, salt: "one" })).toMatchObject(token);
    await expect(decodeSession({ token: written, secret, salt: "two" })).rejects.toThrow();
    await expect(decodeSession({ token: written, secret: `${secret}!`, salt: "one" })).rejects.toThrow();
  });

  it("refuse a tampered or expired token, and give nothing for none", async () => {
    const written = await encodeSession({ token, secret });
    const parts = written.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    await expect(decodeSession({ token: parts.join("."), secret })).rejects.toThrow();
    await expect(decodeSession({ token: await encodeSession({ token, secret, maxAge: -60 }), secret })).rejects.toThrow(/exp/);
    expect(await decodeSession({ token: undefined, secret })).toBeNull();
  });
});
