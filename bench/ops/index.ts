import { cyclesList } from "./cycles-list";
import { homePage, homePageBrowser } from "./home-page";
import type { BenchOp } from "./types";

/** Every operation the benchmark measures, in the order it runs and prints them. bench/README.md says how to add one. */
export const OPS: BenchOp[] = [cyclesList, homePage, homePageBrowser];
