/**
 * `npm run bench:table [-- --file bench/results/L-....json]`: writes the README's benchmark tables from a kept run,
 * by default the latest at size L in bench/results/ that measured every op (no --only), between the README's
 * `bench:table` markers, followed by the newest kept Monday-morning scenario of that size and the newest growth from L
 * to XL. The figures in the README are only ever written by this script, never by hand.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatMarkdown, type RunReport } from "./lib/report";
import { formatGrowthComparison, type GrowthResult } from "./scenario/growth";
import { formatScenario, type ScenarioResult } from "./scenario/monday";

const START = "<!-- bench:table:start (written by `npm run bench:table`; do not edit by hand) -->";
const END = "<!-- bench:table:end -->";

/** The newest kept run of a size that measured every op (file names start with the size and sort by their UTC date). */
function latestResults(dir: string, size: string): string | null {
  const files = readdirSync(dir).filter((name) => name.startsWith(`${size}-`) && name.endsWith(".json")).sort().reverse();
  const complete = files.find((name) => (JSON.parse(readFileSync(path.join(dir, name), "utf8")) as Partial<RunReport>).complete);
  return complete ? path.join(dir, complete) : null;
}

/** The newest file in the folder whose name starts with `prefix` (names end with their UTC date). */
function latestFile(dir: string, prefix: string): string | null {
  const last = readdirSync(dir).filter((name) => name.startsWith(prefix) && name.endsWith(".json")).sort().pop();
  return last ? path.join(dir, last) : null;
}

/** The README with the text between the markers replaced by `table`. */
function replaceBetweenMarkers(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} ... ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

function main() {
  const { values } = parseArgs({ options: { file: { type: "string" }, size: { type: "string", default: "L" }, readme: { type: "string", default: "README.md" } } });
  const file = values.file ?? latestResults(path.resolve("bench/results"), values.size.toUpperCase());
  if (!file) throw new Error(`no complete run in bench/results/${values.size.toUpperCase()}-*.json yet: run \`npm run bench -- --size ${values.size.toUpperCase()}\` (without --only) first`);
  const report = JSON.parse(readFileSync(file, "utf8")) as RunReport;
  const relative = (f: string) => path.relative(path.dirname(path.resolve(values.readme)), path.resolve(f)).split(path.sep).join("/");
  const source = relative(file);
  const sections = [formatMarkdown(report, source)];
  const scenario = latestFile(path.resolve("bench/results"), `scenario-monday-${report.size}-`);
  if (scenario) sections.push(`Kept in [\`${relative(scenario)}\`](${relative(scenario)}):\n\n${formatScenario(JSON.parse(readFileSync(scenario, "utf8")) as ScenarioResult)}`);
  const [small, large] = ["L", "XL"].map((size) => latestFile(path.resolve("bench/results"), `growth-${size}-`));
  if (small && large) {
    const read = (f: string) => JSON.parse(readFileSync(f, "utf8")) as GrowthResult;
    sections.push(`From [\`${relative(small)}\`](${relative(small)}) and [\`${relative(large)}\`](${relative(large)}) (\`--scenario growth\` at L, then at XL):\n\n${formatGrowthComparison(read(small), read(large))}`);
  }
  writeFileSync(values.readme, replaceBetweenMarkers(readFileSync(values.readme, "utf8"), sections.join("\n\n")));
  console.log(`bench:table: ${values.readme} now shows ${source}`);
}

main();
