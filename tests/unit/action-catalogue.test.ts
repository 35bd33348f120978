import { describe, expect, it } from "vitest";
import {
  ACTION_CATALOGUE,
  ACTION_TYPES,
  AUTOMATABLE_ACTIONS,
  EMAIL_ACTION_TYPES,
  isRevertableAction,
  parseAction,
} from "@/lib/actions/action-catalogue";
import { ACTION_TYPE_LABELS, actionTypeLabel } from "@/lib/labels";
import { EMAIL_ACTIONS, FOLDERS, folderOf } from "@/server/actions/email-locations";

describe("the action catalogue", () => {
  it("is the one list the labels, the menus and the connectors read", () => {
    expect(Object.keys(ACTION_TYPE_LABELS)).toEqual(ACTION_TYPES);
    for (const type of ACTION_TYPES) expect(actionTypeLabel(type)).toBe(ACTION_CATALOGUE[type].label);
    expect(EMAIL_ACTION_TYPES).toEqual([
      "softDelete",
      "moveToJunk",
      "moveToInbox",
      "moveToDeletedItems",
      "moveToQuarantine",
      "hardDelete",
    ]);
    expect(Object.keys(EMAIL_ACTIONS)).toEqual(EMAIL_ACTION_TYPES);
    expect(AUTOMATABLE_ACTIONS).toEqual(["softDelete"]);
  });

  it("has Move to quarantine: labelled, revertable, and a Quarantine folder for the connectors", () => {
    expect(ACTION_CATALOGUE.moveToQuarantine).toMatchObject({
      family: "email",
      label: "Move to quarantine",
      location: "Quarantine",
      isRevertable: true,
      isDestructive: false,
    });
    expect(EMAIL_ACTIONS.moveToQuarantine).toEqual({ location: "Quarantine", label: "Moved to quarantine" });
    expect(folderOf("Quarantine")).toBe("Quarantine");
    expect(Object.values(FOLDERS)).toEqual(["Recoverable Items", "Junk", "INBOX", "Deleted Items", "Quarantine"]);
  });

  it("says what can be undone: email moves and blocks, not hard deletes or identity actions", () => {
    expect(["softDelete", "moveToJunk", "moveToQuarantine", "blockUrl", "blockSender"].every(isRevertableAction)).toBe(
      true,
    );
    expect(
      ["hardDelete", "disableAccount", "revokeSessions", "releaseUser", "somethingNew"].some(isRevertableAction),
    ).toBe(false);
  });

  it("checks each type's target, naming the type and the field", () => {
    expect(parseAction("removeMfaMethod", { mailbox: "a@org.test", methodId: "m1", extra: 1 })).toEqual({
      type: "removeMfaMethod",
      target: { mailbox: "a@org.test", methodId: "m1" },
    });
    expect(parseAction("softDelete", undefined)).toEqual({ type: "softDelete", target: {} });
    expect(() => parseAction("removeMfaMethod", { mailbox: "a@org.test" })).toThrow(
      /removeMfaMethod: invalid target \(methodId/,
    );
    expect(() => parseAction("blockUrl", {})).toThrow(/blockUrl: invalid target \(value/);
    expect(() => parseAction("launchMissiles", {})).toThrow("unknown action type launchMissiles");
  });
});
