"use server";

import { createDataSource, deleteDataSource } from "@/lib/data-sources/mutations";
import { CreateDataSourceSchema, DataSourceIdSchema } from "@/lib/data-sources/schemas";
import { defineAction } from "@/lib/http/action";

export const createDataSourceAction = defineAction({
  permission: "datasource.manage",
  schema: CreateDataSourceSchema,
  run: async ({ actor, input }) => createDataSource(actor, input),
  message: (s) => `${s.name} added: key results can now be fed from it`,
});

export const deleteDataSourceAction = defineAction({
  permission: "datasource.manage",
  schema: DataSourceIdSchema,
  run: async ({ actor, input }) => deleteDataSource(actor, input.dataSourceId),
  message: (s) => `${s.name} deleted; the key results it fed keep their check-ins`,
});
