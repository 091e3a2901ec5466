/**
 * A stand-in app server for tests/ops/shutdown.test.ts: a real http.Server, a pre-existing SIGTERM/SIGINT handler
 * like the one `next start` installs, and lib/server/shutdown.ts taking over. GET /slow answers when the test
 * writes a line to stdin.
 */
import { createServer } from "node:http";
import { createInterface } from "node:readline";
import { takeOverShutdown } from "../../lib/server/shutdown";

const nextLike = () => {
  console.log("next's handler ran");
  process.exit(143);
};
process.on("SIGTERM", nextLike);
process.on("SIGINT", nextLike);

const releases: (() => void)[] = [];
createInterface({ input: process.stdin }).on("line", () => releases.shift()?.());

takeOverShutdown({
  stopWork: async () => console.log("jobs stopped"),
  closeDatabase: async () => console.log("pool closed"),
});
const server = createServer((req, res) => {
  if (req.url === "/slow") {
    console.log("slow request started");
    releases.push(() => res.end("slow done"));
  } else {
    res.end("fast");
  }
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`port ${typeof address === "object" && address ? address.port : 0}`);
});
