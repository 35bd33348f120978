// The notice a reporter gets once their report is judged, as Defender's admin-review notifications: one template per
// outcome, with placeholders the admin can move around. Pure: rendering is plain text substitution.

export const FEEDBACK_OUTCOMES = ["threat", "spam", "clean"] as const;
export type TFeedbackOutcome = (typeof FEEDBACK_OUTCOMES)[number];
export type TFeedbackTemplate = { subject: string; body: string };
export type TFeedbackTemplates = Record<TFeedbackOutcome, TFeedbackTemplate>;

export const FEEDBACK_PLACEHOLDERS = [
  "reporter",
  "subject",
  "sender",
  "reportedAt",
  "verdict",
  "threatType",
  "reportType",
] as const;
export type TFeedbackValues = Record<(typeof FEEDBACK_PLACEHOLDERS)[number], string>;

export const DEFAULT_FEEDBACK_TEMPLATES: TFeedbackTemplates = {
  threat: {
    subject: "Thank you: the message you reported is malicious",
    body: 'Hello,\n\nYou reported "{{subject}}" from {{sender}} on {{reportedAt}}. Our security team found it to be malicious ({{threatType}}). Do not open its links or attachments, and delete it; the security team is dealing with the copies others received.\n\nThank you for reporting it.\n\nSecurity Operations',
  },
  spam: {
    subject: "The message you reported is junk",
    body: 'Hello,\n\nYou reported "{{subject}}" from {{sender}} on {{reportedAt}}. It was found to be junk (spam or bulk mail), not a direct threat. You can delete it.\n\nSecurity Operations',
  },
  clean: {
    subject: "The message you reported is safe",
    body: 'Hello,\n\nYou reported "{{subject}}" from {{sender}} on {{reportedAt}}. Our security team found no threat in it.\n\nThank you for staying alert.\n\nSecurity Operations',
  },
};

/** The outcome a verdict (an analyst's assessment, else the engine's) is told as; null: nothing final to say yet. */
export function feedbackOutcome(verdict: string, threatType: string | null): TFeedbackOutcome | null {
  if (verdict === "Malicious") return threatType === "Spam" ? "spam" : "threat";
  if (verdict === "Suspicious") return "spam";
  if (verdict === "Clean") return "clean";
  return null;
}

/** `{{name}}` becomes the value; an unknown name stays as written, so a typo shows in the notice, not a blank. */
export function renderTemplate(text: string, values: TFeedbackValues): string {
  return text.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as keyof TFeedbackValues] : whole,
  );
}

export function renderFeedback(template: TFeedbackTemplate, values: TFeedbackValues): TFeedbackTemplate {
  // The subject is a header: one line, whatever the reported subject held.
  return {
    subject: renderTemplate(template.subject, values)
      .replace(/[\r\n]+/g, " ")
      .trim()
      .slice(0, 500),
    body: renderTemplate(template.body, values),
  };
}
