// What the user said a report is: from the add-in's header when it has one, else from a tag the user (or the
// add-in) put at the start of the subject, else the admin's default. Pure, so every rule is tested on its own.

export const REPORT_TYPES = ["phish", "junk", "notJunk"] as const;
export type TReportType = (typeof REPORT_TYPES)[number];

export type TSubjectTags = Record<TReportType, string[]>;

export type TReportTypeRules = { header: string; subjectTags: TSubjectTags; defaultType: TReportType };

// Defender's third-party submission format names the types "1|"/"Junk:", "2|"/"Not junk:", "3|"/"Phishing:".
export const DEFAULT_SUBJECT_TAGS: TSubjectTags = {
  phish: ["[Phish]", "[Phishing]", "Phishing:", "3|"],
  junk: ["[Junk]", "[Spam]", "Junk:", "1|"],
  notJunk: ["[Not junk]", "[Not spam]", "Not junk:", "2|"],
};

// Header values as add-ins write them, letters and digits only, lower case.
const HEADER_WORDS: Record<string, TReportType> = {
  phish: "phish",
  phishing: "phish",
  "3": "phish",
  junk: "junk",
  spam: "junk",
  "1": "junk",
  notjunk: "notJunk",
  notspam: "notJunk",
  nojunk: "notJunk",
  ham: "notJunk",
  clean: "notJunk",
  "2": "notJunk",
};

// A client's forward or reply prefix, which may come before or after the tag.
const FORWARD_PREFIX = /^\s*(?:fwd?|fw|re|tr|wg|aw|rv)\s*:\s*/i;

export function reportTypeFromHeader(value: string | null | undefined): TReportType | null {
  if (!value) return null;
  const word = value.toLowerCase().replace(/[^a-z0-9]/g, "");
  return Object.hasOwn(HEADER_WORDS, word) ? HEADER_WORDS[word] : null;
}

/** The type whose tag starts the subject, looking past "Fwd:"-style prefixes; the longest tag wins. */
export function reportTypeFromSubject(subject: string, tags: TSubjectTags): TReportType | null {
  const candidates = REPORT_TYPES.flatMap((type) =>
    tags[type].filter((tag) => tag.trim()).map((tag) => ({ type, tag: tag.trim().toLowerCase() })),
  ).sort((a, b) => b.tag.length - a.tag.length);
  let rest = subject.trim().toLowerCase();
  for (let hops = 0; hops < 10; hops++) {
    const found = candidates.find(({ tag }) => rest.startsWith(tag));
    if (found) return found.type;
    const prefix = FORWARD_PREFIX.exec(rest);
    if (!prefix) return null;
    rest = rest.slice(prefix[0].length);
  }
  return null;
}

export function detectReportType(
  item: { headerValue: string | null; subject: string },
  rules: TReportTypeRules,
): { type: TReportType; from: "header" | "subject" | "default" } {
  const fromHeader = reportTypeFromHeader(item.headerValue);
  if (fromHeader) return { type: fromHeader, from: "header" };
  const fromSubject = reportTypeFromSubject(item.subject, rules.subjectTags);
  if (fromSubject) return { type: fromSubject, from: "subject" };
  return { type: rules.defaultType, from: "default" };
}
