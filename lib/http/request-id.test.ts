import { describe, expect, it } from "vitest";
import { acceptRequestId, requestIdFrom } from "./request-id";

describe("request ids", () => {
  it("keeps a proxy's well-formed id", () => {
    expect(acceptRequestId("3f2b9c1e-8d4a-4b7e-9f00-1a2b3c4d5e6f")).toBe("3f2b9c1e-8d4a-4b7e-9f00-1a2b3c4d5e6f");
    expect(acceptRequestId("Root=1-67891233-abcdef012345678912345678")).toBe("Root=1-67891233-abcdef012345678912345678");
    expect(requestIdFrom(new Headers({ "x-request-id": "abc.123:xyz" }))).toBe("abc.123:xyz");
  });

  it("never trusts a malformed one: too long, empty, spaces, quotes, control characters or several", () => {
    for (const bad of ["", "a".repeat(129), "two words", 'quote"d', "line\nbreak", "<script>", "ünïcode"]) expect(acceptRequestId(bad)).toBeNull();
    expect(acceptRequestId(["a", "b"])).toBeNull();
    expect(acceptRequestId(undefined)).toBeNull();
    const fresh = requestIdFrom(new Headers({ "x-request-id": "a b" }));
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(null)).not.toBe(fresh);
  });
});
