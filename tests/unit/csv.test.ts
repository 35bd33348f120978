import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/csv";

describe("toCsv", () => {
  it("quotes only the fields that need it, doubles quotes, and writes CRLF lines", () => {
    const csv = toCsv(
      ["Name", "Note", "Count", "Set"],
      [
        { Name: "plain", Note: 'say "hi", then\nleave', Count: 3, Set: ["a", "b"] },
        { Name: null, Note: undefined, Count: 0, Set: { k: 1 } },
      ],
    );
    expect(csv).toBe('Name,Note,Count,Set\r\nplain,"say ""hi"", then\nleave",3,"[""a"",""b""]"\r\n,,0,"{""k"":1}"\r\n');
  });
});
