import { describe, expect, it } from "vitest";
import { redirectAfterSignIn, safeCallbackUrl } from "./callback-url";

const BASE = "https://keel.example";

describe("safeCallbackUrl", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeCallbackUrl("/objectives/abc?tab=history#kr-2")).toBe("/objectives/abc?tab=history#kr-2");
  });

  it.each([
    ["a tab", "/\t/evil.example"],
    ["a line feed", "/\n/evil.example"],
    ["a carriage return", "/\r/evil.example"],
    ["a backslash", "/\\evil.example"],
    ["a protocol-relative address", "//evil.example"],
    ["an absolute address", "https://evil.example/"],
    ["a scheme", "javascript:alert(1)"],
    ["leading whitespace", " //evil.example"],
  ])("sends a callback with %s to the home page, not another site", (_, value) => {
    const url = safeCallbackUrl(value);
    expect(url).toBe("/");
    // Where a browser would go when told to open the result from a Keel page.
    expect(new URL(url, BASE).origin).toBe(BASE);
  });

  it("never answers with something a browser resolves off Keel", () => {
    for (const control of ["\t", "\n", "\r", "\u0000", "\u001f", " "]) {
      for (const value of [`/${control}/evil.example`, `${control}//evil.example`, `/${control}\\evil.example`]) {
        expect(new URL(safeCallbackUrl(value), BASE).origin).toBe(BASE);
      }
    }
  });

  it("does not loop back to the sign-in or sign-up pages", () => {
    expect(safeCallbackUrl("/signin?callbackUrl=/x")).toBe("/");
    expect(safeCallbackUrl("/signup")).toBe("/");
  });
});

describe("redirectAfterSignIn (next-auth's redirect callback)", () => {
  it("resolves a path against Keel's own address", () => {
    expect(redirectAfterSignIn({ url: "/my-week", baseUrl: BASE })).toBe(`${BASE}/my-week`);
    expect(redirectAfterSignIn({ url: `${BASE}/tree?x=1`, baseUrl: BASE })).toBe(`${BASE}/tree?x=1`);
  });

  it("sends everything off-site or smuggled back to Keel's home page", () => {
    for (const url of ["/\t/evil.example", "//evil.example", "https://evil.example/", "https://keel.example.evil.example/", "/%09/evil.example"]) {
      expect(new URL(redirectAfterSignIn({ url, baseUrl: BASE })).origin).toBe(BASE);
    }
  });
});
