import type { TActionInput } from "../playbook.types";
import {
  judgement,
  maliciousEntities,
  messageVerdict,
  reportedMessage,
  type TReportedMessageStep,
} from "./reported-message";

export const recommendBlocks: TReportedMessageStep = {
  key: "entity-blocks",
  name: "Recommended actions on the message's entities",
  phase: "remediation",
  async run(context) {
    const [message, judged, verdict] = await Promise.all([
      reportedMessage(context),
      judgement(context),
      messageVerdict(context),
    ]);
    const actions: TActionInput[] = maliciousEntities(judged).urls.map((url) => ({
      type: "blockUrl",
      entity: url,
      entityKey: `url:${url}`,
      target: {
        value: url,
        threatType: judged.urls[url].threatType || "Phish",
        reason: judged.urls[url].reasons.join("; "),
      },
    }));
    // A sender is blocked only when the message itself is judged malicious: a suspicious look-alike alone is not enough.
    // A From with no address names nobody to block (the parser reads such a message best-effort).
    if (message.sender && verdict.verdict === "Malicious" && judged.sender.verdict !== "Clean") {
      actions.push({
        type: "blockSender",
        entity: message.sender,
        entityKey: `sender:${message.sender}`,
        target: {
          value: message.sender,
          threatType: verdict.threatType || "Phish",
          reason: judged.sender.reasons.join("; "),
        },
      });
    }
    if (!actions.length) return { findings: ["No entity to block"], risk: "None" };
    return {
      findings: actions.map(
        (action) => `Recommended: block ${action.type === "blockUrl" ? "URL" : "sender"} ${action.entity}`,
      ),
      risk: "High",
      actions,
    };
  },
};
