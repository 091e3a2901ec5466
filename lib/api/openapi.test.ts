import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";
import * as operations from "./operations";

type Doc = {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
};
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

/** Each handler a route file really implements, with the operation it is built from. */
function implementedHandlers() {
  const root = path.resolve("app/api/v1");
  return routeFiles(root)
    .filter((file) => !file.includes("[[...") && !file.includes("openapi.json"))
    .flatMap((file) => {
      const source = readFileSync(file, "utf8");
      const template = `/${path.relative(root, path.dirname(file)).split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
      return METHODS.flatMap((method) => {
        const handler = new RegExp(`^export (?:const ${method} = (defineRoute\\(operations\\.(\\w+))?|(?:async )?function ${method}\\b)`, "m").exec(source);
        if (!handler) return [];
        return [{ file: path.relative(process.cwd(), file), template, method, operation: handler[2] ?? null }];
      });
    });
}

const doc = buildOpenApiDocument("test") as unknown as Doc;

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it("documents every handler under /api/v1, each built from the operation of its own path and method", () => {
    const handlers = implementedHandlers();
    expect(handlers.length).toBeGreaterThan(30);
    for (const handler of handlers) {
      const where = `${handler.method} ${handler.template} (${handler.file})`;
      expect(handler.operation, `${where} is not built with defineRoute(operations.…), so it is not documented`).not.toBeNull();
      const op = (operations as Record<string, unknown>)[handler.operation!] as { path: string; method: string } | undefined;
      expect(op, `${where} names an operation that does not exist`).toBeDefined();
      expect(`${op!.method} ${op!.path}`, where).toBe(`${handler.method} ${handler.template}`);
      expect(doc.paths[handler.template]?.[handler.method.toLowerCase()], `${where} is missing from the document`).toBeDefined();
    }
    const documented = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(handlers.map((h) => `${h.method} ${h.template}`).sort());
  });

  it("gives every operation a unique id, a summary and a described answer for success and for errors", () => {
    const ids = new Set<string>();
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        expect(ids.has(op.operationId), `${method} ${p}`).toBe(false);
        ids.add(op.operationId);
        const statuses = Object.keys(op.responses);
        expect(statuses.some((s) => s.startsWith("2")), `${method} ${p} has no success answer`).toBe(true);
        for (const code of ["401", "403"]) expect(op.responses[code]?.content?.["application/problem+json"], `${method} ${p} ${code}`).toBeDefined();
      }
    }
  });

  it("has answer schemas a JSON Schema validator compiles, and that refuse a field the server never sends", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const [id, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(schema as object, `#/components/schemas/${id}`);
    const validateCycle = ajv.getSchema("#/components/schemas/Cycle")!;
    const cycle = { id: "0190a4a0-0000-7000-8000-000000000001", name: "Q1", state: "active", startDate: "2027-01-01", endDate: "2027-03-31", closedAt: null, isDefault: true };
    expect(validateCycle(cycle), JSON.stringify(validateCycle.errors)).toBe(true);
    expect(validateCycle({ ...cycle, secret: "x" })).toBe(false);
    expect(validateCycle({ ...cycle, state: "archived" })).toBe(false);
  });
});
