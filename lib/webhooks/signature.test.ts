import { describe, expect, it } from "vitest";
import { signatureHeader, verifySignature } from "./signature";

const SECRET = "whsec_test";
const BODY = JSON.stringify({ id: "e1", type: "check_in.created" });
const AT = new Date("2026-12-04T10:00:00Z");

describe("webhook signatures", () => {
  it("verify with the secret, the raw body and a fresh timestamp", () => {
    const header = signatureHeader(SECRET, BODY, AT);
    expect(header).toMatch(/^t=1796378400,v1=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET, header, BODY, AT)).toBe(true);
  });

  it("fail for another secret, a changed body, an old timestamp or a mangled header", () => {
    const header = signatureHeader(SECRET, BODY, AT);
    expect(verifySignature("whsec_other", header, BODY, AT)).toBe(false);
    expect(verifySignature(SECRET, header, BODY.replace("e1", "e2"), AT)).toBe(false);
    expect(verifySignature(SECRET, header, BODY, new Date(AT.getTime() + 301_000))).toBe(false);
    expect(verifySignature(SECRET, header.replace(/v1=../, "v1=zz"), BODY, AT)).toBe(false);
    expect(verifySignature(SECRET, "", BODY, AT)).toBe(false);
  });
});
