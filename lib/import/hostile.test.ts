import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { autoMap } from "./mapping";
import { parseCsv, parseSpreadsheet } from "./parse";
import { validateImport, type ImportContext } from "./validate";

const context: ImportContext = {
  cycleId: "0190a000-0000-7000-8000-000000000001",
  cycleName: "2027 Q1",
  importer: { userId: "0190a000-0000-7000-8000-000000000002", email: "admin@example.com" },
  members: new Map(),
  teams: new Map(),
  objectives: new Map(),
};

const HEADER = "Objective,Key result,Owner email,Team,Start,Target,Current,Unit,Parent objective,Type\n";
/** Text made of what breaks parsers: separators, quotes, line ends, signs, controls and lone surrogates. */
const hostileText = fc.string({ unit: fc.constantFrom(",", ";", "\t", '"', "\n", "\r", "a", "1", ".", "%", "€", "-", " ", "\u0000", "\ud800", "\u202e", "Objective", "Key result") });

/** Whatever the file, the answer is a sheet and a list of problems, or a refusal Keel explains: never a crash. */
function readOrRefuse(read: () => unknown): void {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
  }
}

describe("hostile files", () => {
  it("never crash the CSV reader or the validation", () => {
    fc.assert(
      fc.property(hostileText, (body) => {
        readOrRefuse(() => {
          const sheet = parseCsv(HEADER + body);
          const preview = validateImport(sheet, autoMap(sheet.headers), context);
          expect(Array.isArray(preview.problems)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("never crash the workbook reader on random bytes after a zip signature", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 400 }), async (tail) => {
        const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...tail]);
        await parseSpreadsheet(bytes).then(
          () => undefined,
          (error: unknown) => expect(error).toBeInstanceOf(AppError),
        );
      }),
      { numRuns: 100 },
    );
  });
});
