import { z } from "zod";
import { OrganizationNameSchema } from "@/lib/auth/schemas";

export const CreateOrganizationSchema = z.object({ name: OrganizationNameSchema });
