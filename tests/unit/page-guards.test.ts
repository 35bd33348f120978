import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const CONSOLE_DIR = path.resolve("src/app/(console)");
const pages = readdirSync(CONSOLE_DIR, { recursive: true, encoding: "utf8" }).filter((file) =>
  file.endsWith("page.tsx"),
);

// A client navigation (an RSC request) renders a page without the layouts the browser already has, so the console
// layout's sign-in check does not run: each page, and each generateMetadata that reads data, checks for itself.
// tests/e2e/api/page-guards.spec.ts proves it against the running server.
describe("every console page guards itself", () => {
  it("finds the pages", () => expect(pages.length).toBeGreaterThan(10));

  it.each(pages)("%s", (file) => {
    const source = readFileSync(path.join(CONSOLE_DIR, file), "utf8");
    expect(source.slice(source.indexOf("export default"))).toMatch(/^\s*(const \w+ = )?await requirePagePermission\(/m);
    const metadata = source.match(/export async function generateMetadata[\s\S]*?\n}/)?.[0];
    if (metadata && /await (?!params)/.test(metadata.replace(/\(await params\)/g, "")))
      expect(metadata).toMatch(/await requirePagePermission\(/);
  });
});
