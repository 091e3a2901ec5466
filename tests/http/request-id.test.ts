import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as listObjectives, PUT as putObjectives } from "@/app/api/v1/objectives/route";
import { db } from "@/lib/db/prisma";
import { operation } from "@/lib/api/contract";
import { defineRoute } from "@/lib/http/route";
import { refuseUndecodableApiPath } from "@/lib/http/undecodable-path";
import { log } from "@/lib/log";
import { createApiToken } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld } from "../helpers/world";

afterEach(() => vi.restoreAllMocks());

describe("request ids in problem documents", () => {
  it("name the id the server stamped (a proxy's, when well formed) in the body and the X-Request-Id header", async () => {
    const res = await callApi(listObjectives as never, { path: "/api/v1/objectives", headers: { "x-request-id": "proxy-abc-123" } });
    expect(res.status).toBe(401);
    expect(res.contentType).toBe("application/problem+json");
    expect(res.json).toMatchObject({ requestId: "proxy-abc-123" });
    expect(res.headers.get("x-request-id")).toBe("proxy-abc-123");
  });

  it("never repeat a malformed id: the body and the header carry the same new one", async () => {
    const res = await callApi(listObjectives as never, { path: "/api/v1/objectives", headers: { "x-request-id": "<script>alert(1)</script>" } });
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json).toMatchObject({ requestId: id });
  });

  it("cover refused methods and undecodable addresses too", async () => {
    const refused = await callApi(putObjectives as never, { method: "PUT", path: "/api/v1/objectives", headers: { "x-request-id": "lb-405" } });
    expect(refused.status).toBe(405);
    expect(refused.json).toMatchObject({ requestId: "lb-405" });
    expect(refused.headers.get("x-request-id")).toBe("lb-405");

    const undecodable = refuseUndecodableApiPath("/api/v1/cycles/%ZZ", "lb-400")!;
    expect(undecodable.headers.get("x-request-id")).toBe("lb-400");
    expect(await undecodable.json()).toMatchObject({ status: 400, requestId: "lb-400" });
  });

  it("match the error log line of an unexpected failure", async () => {
    const world = await createWorld();
    const { secret } = await createApiToken(db, world.org.id, world.member.id);
    const error = vi.spyOn(log(), "error").mockImplementation(() => undefined);
    const failing = defineRoute(operation({ operationId: "fail", method: "GET", path: "/anything", tag: "Test", summary: "Fails", permission: "objective.read" }), async () => {
      throw new Error("the disk is on fire");
    });
    const res = await callApi(failing as never, { path: "/api/v1/anything", token: secret, headers: { "x-request-id": "trace-500" } });
    expect(res.status).toBe(500);
    expect(res.json).toMatchObject({ requestId: "trace-500", detail: expect.not.stringContaining("fire") });
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ requestId: "trace-500", where: "GET /api/v1/anything", err: expect.objectContaining({ message: "the disk is on fire" }) }), "unexpected error");
  });
});
