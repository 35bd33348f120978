import { describe, expect, it } from "vitest";
import { styledLettersCheck } from "@/server/verdicts/checks/styled-letters";
import { emptyTenantContext } from "@/server/verdicts/tenant-context";
import { foldText } from "@/server/verdicts/text";
import { engineEmail } from "../factories/engine-email";

const run = (overrides: Parameters<typeof engineEmail>[0]) =>
  styledLettersCheck.run(engineEmail(overrides), emptyTenantContext());

describe("the styled-letters check", () => {
  it.each([
    ["display name", { senderDisplayName: "--ᴘᴀʏᴍᴇɴᴛ ᴅᴇᴄʟɪɴᴇᴅ--" }, "ᴘᴀʏᴍᴇɴᴛ"],
    ["subject", { subject: "𝐘𝐨𝐮𝐫 𝐚𝐜𝐜𝐨𝐮𝐧𝐭 is locked" }, "𝐘𝐨𝐮𝐫"],
    ["subject", { subject: "ＰａｙＰａｌ notice" }, "ＰａｙＰａｌ"],
    ["display name", { senderDisplayName: "Ⓐⓜⓐⓩⓞⓝ" }, "Ⓐⓜⓐⓩⓞⓝ"],
  ])("names look-alike letters in the %s", (field, overrides, styled) => {
    expect(run(overrides)).toEqual([
      expect.objectContaining({
        id: "impersonation.styled_letters",
        weight: 1.5,
        evidence: expect.stringContaining(`The ${field} writes "${styled}"`),
      }),
    ]);
  });

  it("leaves ordinary names, accents, flags and other scripts alone", () => {
    for (const senderDisplayName of [
      "Zoë Ångström",
      "🇺🇸🇬🇧🇫🇷 Travel deals",
      "山田 太郎",
      "Ελένη Παπαδοπούλου",
      "Ivan Petrov (Иван)",
    ])
      expect(run({ senderDisplayName })).toEqual([]);
  });

  it("lets the words be read through the disguise", () => {
    expect(foldText("ᴘᴀʏᴍᴇɴᴛ ᴅᴇᴄʟɪɴᴇᴅ")).toBe("payment declined");
  });
});
