// AuthenticationDetails as mail systems send it. Defender's EmailEvents column is a JSON string with PascalCase keys
// and lowercase verdicts ({"SPF":"pass","DKIM":"pass","DMARC":"pass","CompAuth":"pass"}); Breakwater's API spells the
// keys in camelCase. Both are taken, the keys and the verdicts in any case, so a Defender export ingests as it is.
import "server-only";
import { z } from "zod";

export const AUTH_VERDICTS = {
  spf: ["pass", "fail", "softfail", "neutral", "none", "temperror", "permerror"],
  dkim: ["pass", "fail", "none"],
  dmarc: ["pass", "fail", "bestguesspass", "none"],
  compAuth: ["pass", "fail", "softpass", "none"],
} as const;

type TAuthKey = keyof typeof AUTH_VERDICTS;

/** Defender's name of each key, used in messages so that a Defender user recognises the field. */
const DEFENDER_NAMES: Record<TAuthKey, string> = { spf: "SPF", dkim: "DKIM", dmarc: "DMARC", compAuth: "CompAuth" };
const KEY_BY_LOWERCASE = new Map(Object.keys(AUTH_VERDICTS).map((key) => [key.toLowerCase(), key as TAuthKey]));

const verdict = <K extends TAuthKey>(key: K) =>
  z.enum(AUTH_VERDICTS[key], {
    error: (issue) =>
      issue.input === undefined
        ? `missing the ${DEFENDER_NAMES[key]} verdict; expected one of: ${AUTH_VERDICTS[key].join(", ")}`
        : `unknown ${DEFENDER_NAMES[key]} verdict ${JSON.stringify(issue.input)}; expected one of: ${AUTH_VERDICTS[key].join(", ")}`,
  });

const ZCanonical = z.strictObject({
  spf: verdict("spf"),
  dkim: verdict("dkim"),
  dmarc: verdict("dmarc"),
  compAuth: verdict("compAuth"),
});

/**
 * Renames the keys to their canonical spelling (case-insensitively) and lowercases the verdicts; keys it does not
 * know are kept as sent, so the strict object names them. A key given twice in different cases is an error: which
 * one is meant cannot be guessed.
 */
function canonicalise(value: unknown, context: z.RefinementCtx): unknown {
  let input = value;
  if (typeof input === "string") {
    try {
      input = JSON.parse(input);
    } catch {
      context.addIssue({
        code: "custom",
        message:
          'a JSON string must hold an object, e.g. {"SPF":"pass","DKIM":"pass","DMARC":"pass","CompAuth":"pass"}',
      });
      return z.NEVER;
    }
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const output: Record<string, unknown> = {};
  const givenAs = new Map<string, string>();
  for (const [given, item] of Object.entries(input)) {
    const key = KEY_BY_LOWERCASE.get(given.toLowerCase()) ?? given;
    const earlier = givenAs.get(key);
    if (earlier !== undefined) {
      context.addIssue({
        code: "custom",
        path: [given],
        message: `${given} repeats ${earlier}; send each verdict once`,
      });
      continue;
    }
    givenAs.set(key, given);
    output[key] = typeof item === "string" && KEY_BY_LOWERCASE.has(key.toLowerCase()) ? item.toLowerCase() : item;
  }
  return output;
}

export const ZAuthenticationDetails = z
  .preprocess(canonicalise, ZCanonical)
  .describe(
    'SPF, DKIM, DMARC and CompAuth verdicts: an object, or Defender\'s JSON string ({"SPF":"pass","DKIM":"pass","DMARC":"pass","CompAuth":"pass"}); keys and verdicts in any case',
  );

export type TAuthenticationDetails = z.output<typeof ZAuthenticationDetails>;
