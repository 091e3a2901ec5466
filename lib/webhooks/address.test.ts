import { describe, expect, it } from "vitest";
import { isPrivateAddress } from "./address";

describe("private addresses", () => {
  it("include loopback, private ranges, link-local, CGNAT, multicast and reserved blocks", () => {
    for (const address of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255"]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
  });

  it("include the IPv6 ones and IPv4 written inside IPv6", () => {
    for (const address of ["::1", "::", "fd00::1", "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "64:ff9b::10.0.0.1", "::ffff:a9fe:a9fe"]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
  });

  it("leave public addresses alone, and refuse what is not an address at all", () => {
    for (const address of ["8.8.8.8", "172.32.0.1", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
    expect(isPrivateAddress("not-an-ip")).toBe(true);
  });
});
