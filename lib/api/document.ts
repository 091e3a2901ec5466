import packageJson from "@/package.json";
import { buildOpenApiDocument } from "./openapi";

let cached: { text: string } | undefined;

/** The document is the same for every request of a running build: built once, on first use. */
export function openApiDocument(): { text: string } {
  cached ??= { text: JSON.stringify(buildOpenApiDocument(packageJson.version)) };
  return cached;
}
