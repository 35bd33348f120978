// A display name that is an alarm or a demand ("Payment..Required", "E-Receipt Notice", "DETRAN - Aviso Urgente")
// rather than the name of a person or an organisation: lures put their message where the name belongs, so that the
// inbox line already frightens. Organisations sign as themselves ("Google Alerts", "Amazon Payments").
import type { TCheck } from "../check";
import { foldText } from "../text";

const ALARM =
  /\b(required|urgent|alert|warning|declined|failed|expired|suspended|blocked|overdue|receipt|notice|urgente|aviso|comunicado|notificacao|bloqueio|pendencia|dringend|warnung|mahnung|avertissement|avviso|waarschuwing)\b/;

/** The alarm word a display name carries, or null. */
export function alarmInDisplayName(displayName: string): string | null {
  return ALARM.exec(foldText(displayName).replace(/[._]+/g, " "))?.[1] ?? null;
}

export const alertDisplayNameCheck: TCheck = {
  name: "alert-display-name",
  run(email) {
    const word = alarmInDisplayName(email.senderDisplayName);
    return word
      ? [
          {
            id: "sender.alarm_display_name",
            category: "impersonation",
            weight: 1,
            threatType: "Phish",
            evidence: `The display name "${email.senderDisplayName.trim()}" is an alarm or a demand ("${word}"), not the name of a person or an organisation`,
            entity: { kind: "sender", value: email.senderAddress },
          },
        ]
      : [];
  },
};
