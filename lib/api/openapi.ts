import { z } from "zod";
import type { Operation } from "./contract";
import { OPERATIONS } from "./operations";
import * as responses from "./responses";

type JsonSchema = Record<string, unknown>;

const PROBLEM_REF = { $ref: "#/components/schemas/Problem" };
const ERROR_ANSWERS: Record<number, string> = {
  400: "The request is malformed: a query parameter or the body's JSON is not valid",
  401: "No valid session or API token",
  403: "The role or the token's scope does not allow this",
  404: "Nothing with that id in your organisation",
  409: "The item changed since you read it, or its state does not allow this",
  422: "A field is invalid; `errors` lists each field and why",
  429: "Too many requests; wait for Retry-After seconds",
};

/**
 * The OpenAPI 3.1 document of API v1, generated from the same operations (and so the same zod schemas) the route
 * handlers are built from. Request schemas are converted as zod reads them (`io: "input"`), answers as the server
 * writes them (`io: "output"`); every named answer schema becomes a component.
 */
export function buildOpenApiDocument(version: string): JsonSchema {
  const components = answerComponents();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of OPERATIONS as readonly Operation[]) {
    (paths[op.path] ??= {})[op.method.toLowerCase()] = describeOperation(op, components.idOf);
  }
  return {
    openapi: "3.1.1",
    info: {
      title: "Keel API",
      version,
      description: [
        "Keel's API v1: the organisation's cycles, objectives, key results, check-ins, teams and members.",
        "",
        "**Authentication.** Send an API token as `Authorization: Bearer keel_…`. A personal token (user menu → *API tokens*) acts as the person who made it, in that organisation, within its scope: `read` tokens may only read. An organisation token (*Organisation settings → API tokens*, owners and admins) acts as an integration of its own, whatever happens to whoever made it, with the scope `read`, `checkins_write` (check-ins:write: reads, and check-ins on any key result) or `write` (everything but people, tokens and webhooks); check-ins it makes record it as their source (`apiTokenId`). A signed-in browser session works too; its writes must come from Keel's own origin.",
        "",
        "**Numbers** travel as strings (`\"1250.5\"`) so no client rounds a target through a float; requests accept a number or a string.",
        "",
        "**Errors** are `application/problem+json` (RFC 9457) with a `detail` a person can act on and, for invalid fields, `errors` naming each one.",
        "",
        "**Concurrency.** Changes to objectives and key results carry the `version` you read; a stale one answers 409 and changes nothing.",
        "",
        "**Lists** are paged by `cursor` and `limit`: pass the answer's `nextCursor` as `cursor` for the next page.",
      ].join("\n"),
      license: { name: "AGPL-3.0-only", identifier: "AGPL-3.0-only" },
    },
    servers: [{ url: "/api/v1" }],
    security: [{ apiToken: [] }, { session: [] }],
    tags: [...new Set(OPERATIONS.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        apiToken: { type: "http", scheme: "bearer", description: "An API token, `keel_…`: a personal one (user menu → API tokens) or an organisation one (Organisation settings → API tokens)" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A signed-in browser session (the cookie is `__Secure-next-auth.session-token` over HTTPS)" },
      },
    },
  };
}

function describeOperation(op: Operation, idOf: (schema: z.ZodType) => string | undefined): JsonSchema {
  const parameters = [
    ...parametersOf(op.params, "path"),
    ...parametersOf(op.query, "query"),
    ...(op.headers ?? []).map((h) => ({ name: h.name, in: "header", required: false, description: h.description, schema: requestSchema(h.schema) })),
  ];
  const answers: Record<string, JsonSchema> = {};
  const status = op.status ?? (op.response ? 200 : 204);
  answers[String(status)] = successAnswer(op, status, idOf);
  for (const [code, description] of Object.entries(op.alsoAnswers ?? {})) {
    answers[code] = Number(code) === 304 || !op.response ? { description } : { description, content: { "application/json": { schema: refTo(op.response, idOf) } } };
  }
  for (const code of errorStatuses(op)) {
    answers[String(code)] = { description: ERROR_ANSWERS[code], content: { "application/problem+json": { schema: PROBLEM_REF } } };
  }
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    "x-keel-permission": op.permission,
    ...(parameters.length ? { parameters } : {}),
    ...(op.body || op.bodyDocumentedAs ? { requestBody: { required: true, content: { "application/json": { schema: bodySchema((op.bodyDocumentedAs ?? op.body)!, idOf) } } } } : {}),
    responses: answers,
  };
}

function successAnswer(op: Operation, status: number, idOf: (schema: z.ZodType) => string | undefined): JsonSchema {
  const description = status === 201 ? "Created" : status === 204 ? "Done; nothing to answer" : "OK";
  if (!op.response) return { description };
  return { description, content: { "application/json": { schema: refTo(op.response, idOf) } } };
}

function errorStatuses(op: Operation): number[] {
  const codes = [401, 403, 429];
  // A body the handler reads itself (bodyDocumentedAs alone, e.g. a streamed upload) is refused with the same codes.
  const hasBody = op.body !== undefined || op.bodyDocumentedAs !== undefined;
  if (op.query || hasBody || op.headers) codes.push(400);
  if (op.params || hasBody || op.query) codes.push(404);
  if (op.conflicts) codes.push(409);
  if (hasBody) codes.push(422);
  return codes.sort((a, b) => a - b);
}

/** Path and query parameters, one per property of the object schema, as zod reads them. */
function parametersOf(schema: z.ZodType | undefined, location: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const converted = requestSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(converted.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as JsonSchema & { description?: string };
    return {
      name,
      in: location,
      required: location === "path" || (converted.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** A request body: a named answer schema sent back as it came (an export to import) refers to its component. */
function bodySchema(schema: z.ZodType, idOf: (schema: z.ZodType) => string | undefined): JsonSchema {
  return idOf(schema) ? refTo(schema, idOf) : requestSchema(schema);
}

function requestSchema(schema: z.ZodType): JsonSchema {
  return strip(z.toJSONSchema(schema, { io: "input", target: "draft-2020-12", unrepresentable: "any", override: datesAsText }) as JsonSchema);
}

/** A date field also takes a Date from code that calls the schema directly; over HTTP it is always text. */
function datesAsText(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: JsonSchema }) {
  const def = ctx.zodSchema._zod.def;
  const isDate = def.type === "date" || (def.type === "union" && def.options.some((option) => option._zod.def.type === "date"));
  if (!isDate) return;
  delete ctx.jsonSchema.anyOf;
  Object.assign(ctx.jsonSchema, { type: "string", format: "date" });
}

function refTo(schema: z.ZodType, idOf: (schema: z.ZodType) => string | undefined): JsonSchema {
  const id = idOf(schema);
  if (!id) throw new Error("An answer schema was not registered as a component");
  return { $ref: `#/components/schemas/${id}` };
}

/** Every answer schema as a component: the named ones in lib/api/responses.ts, the rest after their operation. */
function answerComponents() {
  const registry = z.registry<{ id: string }>();
  for (const schema of Object.values(responses)) {
    if (!(schema instanceof z.ZodType)) continue;
    const id = z.globalRegistry.get(schema)?.id;
    if (id && !registry.has(schema)) registry.add(schema, { id });
  }
  for (const op of OPERATIONS as readonly Operation[]) {
    if (op.response && !registry.has(op.response)) {
      const id = z.globalRegistry.get(op.response)?.id ?? `${op.operationId[0]!.toUpperCase()}${op.operationId.slice(1)}Answer`;
      registry.add(op.response, { id });
    }
  }
  const converted = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io: "output", target: "draft-2020-12" });
  if ("__shared" in converted.schemas) throw new Error("An answer schema nests a named schema that is not exported from lib/api/responses.ts");
  const schemas = Object.fromEntries(Object.entries(converted.schemas).map(([id, schema]) => [id, strip(schema as JsonSchema)]));
  return { schemas, idOf: (schema: z.ZodType) => registry.get(schema)?.id };
}

/** A component is not a document of its own: no `$schema`, no `$id`. */
function strip(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}
