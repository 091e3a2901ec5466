import type { ServerResponse } from "node:http";
import { onServerEvent } from "./server-events";

/**
 * How a route handler sends a body it compressed itself (the alignment tree, compressed once per version). Next drops
 * Content-Encoding from a route handler's Response and would then compress the compressed bytes again; under this name
 * the header passes through Next and becomes Content-Encoding as Next sets it on the Node response, before Next's own
 * compression looks at it (and so leaves the body alone).
 */
export const PRE_ENCODED_HEADER = "x-keel-content-encoding";

export function passPreEncodedBodies(): void {
  onServerEvent("request", (_server, args) => {
    const res = args[1] as ServerResponse;
    const setHeader = res.setHeader;
    res.setHeader = function setHeaderPreEncoded(this: ServerResponse, name: string, value: number | string | readonly string[]) {
      return Reflect.apply(setHeader, this, [name.toLowerCase() === PRE_ENCODED_HEADER ? "content-encoding" : name, value]) as ServerResponse;
    } as ServerResponse["setHeader"];
  });
}
