import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { createInitiative } from "@/lib/initiatives/mutations";
import { serializeInitiative } from "@/lib/initiatives/serialize";

export const POST = defineRoute(operations.createInitiative, async ({ actor, body }) => serializeInitiative(await createInitiative(actor, body)));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
