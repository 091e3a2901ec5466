import { describe, expect, it } from "vitest";
import { checkConnection, StartupError } from "@/scripts/lib/postgres";

describe("starting against a database that cannot be reached", () => {
  it("fails with one line that names DATABASE_URL", async () => {
    const error = await checkConnection("postgresql://nobody@127.0.0.1:1/keel").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    const message = (error as Error).message;
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain("127.0.0.1:1");
    expect(message.split("\n")).toHaveLength(1);
  });
});
