import { afterAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { startJobs, stopJobs } from "@/lib/jobs/boss";
import { jobsHealth, restartDelayMs } from "@/lib/jobs/health";
import { keepJobsStarting } from "@/lib/jobs/server";

afterAll(async () => {
  await stopJobs();
});

describe("a job queue that fails to start", () => {
  it("is started afresh by the next attempt instead of staying dead until a restart", async () => {
    await expect(startJobs({ databaseUrl: "postgresql://nobody@127.0.0.1:1/keel", mailer: null })).rejects.toThrow();
    const { boss } = await startJobs({ databaseUrl: process.env.DATABASE_URL, mailer: null });
    expect(await boss.getSchedules()).not.toEqual([]);
    await stopJobs();
  });

  it("is retried with growing waits, and /api/health says so until it runs", async () => {
    const waits: number[] = [];
    let calls = 0;
    const start = async () => {
      calls++;
      if (calls < 3) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
    };
    const pending: (() => void)[] = [];
    await keepJobsStarting(start, (retry, delayMs) => {
      waits.push(delayMs);
      pending.push(retry);
    });
    expect(jobsHealth()).toMatchObject({ state: "retrying", failedStarts: 1 });
    const res = await health();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", jobs: { state: "retrying", failedStarts: 1 } });

    pending.shift()!();
    await expect.poll(() => jobsHealth().failedStarts).toBe(2);
    pending.shift()!();
    await expect.poll(() => jobsHealth().state).toBe("running");
    expect(waits).toEqual([restartDelayMs(1), restartDelayMs(2)]);
    expect(waits[1]).toBeGreaterThan(waits[0]!);
    expect(await (await health()).json()).toMatchObject({ jobs: { state: "running", failedStarts: 0 } });
  });
});
