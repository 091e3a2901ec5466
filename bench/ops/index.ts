import { authApi, authPage } from "./auth";
import { checkInSubmit } from "./check-in";
import { cyclesList } from "./cycles-list";
import { homePage, homePageBrowser } from "./home-page";
import { myWeek } from "./my-week";
import { objectivePage } from "./objective-page";
import { reviewPage } from "./review";
import { treeData, treePage, treePageBrowser, treePageBrowserFull } from "./tree";
import type { BenchOp } from "./types";

/** Every operation the benchmark measures, in the order it runs and prints them. bench/README.md says how to add one. */
export const OPS: BenchOp[] = [authApi, authPage, cyclesList, homePage, homePageBrowser, treeData, treePage, treePageBrowser, treePageBrowserFull, reviewPage, objectivePage, myWeek, checkInSubmit];
