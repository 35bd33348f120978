import type { TSignal, TSignalThreatType } from "@/server/verdicts/signal";
import type { TRspamdScan, TRspamdSymbol } from "./scan-message";

// rspamd's symbols as signals of the detection engine (src/server/verdicts). Pure: the scan is made elsewhere.

/**
 * Symbols that only appear when rspamd's own DNS lookups failed. Offline (or behind a resolver that refuses rspamd)
 * every scan carries some: R_SPF_DNSFAIL, DMARC_DNSFAIL, RDNS_DNSFAIL and each RBL's *_FAIL with "query timed out".
 * Seen in a scan, they mean its DNS-based answers are noise, not evidence: detected per scan, so a resolver that
 * comes back is trusted again at once, with nothing to configure.
 */
const DNS_FAILURE_SYMBOL = /_DNSFAIL$|^R_DKIM_TEMPFAIL$/;
const DNS_FAILURE_OPTION =
  /query timed out|server fail|query refused|temporary dns error|dns error|no records with this name/i;

/**
 * What needs a DNS answer to be true: host name checks, SPF, DKIM, DMARC, MX, and DNS block lists (RBL, URIBL).
 * When rspamd cannot resolve they fire on almost every message (HFILTER_HOSTNAME_UNKNOWN, RDNS_NONE,
 * HFILTER_FROMHOST_NORES_A_OR_MX) or say nothing, so they are left out of that scan's signals.
 */
const NEEDS_DNS =
  /^(HFILTER_HOSTNAME_|HFILTER_HELO_(NORES|IP_A|BADIP|NOT_FQDN)|HFILTER_FROMHOST_|HFILTER_URL_|RDNS_|R_SPF_|R_DKIM_|DKIM_|DMARC_|MX_|ASN|RBL_|RCVD_IN_|URIBL_|SURBL_|SEM_|DBL_|MSBL_|SPAMHAUS_|MAILSPIKE_|RSPAMD_URIBL|RSPAMD_EMAILBL|BLOCKLISTDE_|DWL_|DNSWL_)|_NA$|_FAIL$|_DNSFAIL$/;

/**
 * Always left out: a reported or journalled message is scanned after delivery, often days later, so a Date header
 * "in the past" says when it was scanned, not what it is.
 */
const RESCAN_NOISE = new Set(["DATE_IN_PAST"]);

/** Below half a point rspamd itself treats a symbol as a remark (ONCE_RECEIVED 0.1, MIME_HTML_ONLY 0.2). */
const MIN_SCORE = 0.5;

/**
 * Symbols that name a threat. Breakwater's own fuzzy hashes come from analysts' assessments (learn-from-assessment.ts)
 * and decide on their own; the rest of rspamd is one opinion among the engine's checks.
 */
const THREATS: { pattern: RegExp; threatType: TSignalThreatType; weight?: number }[] = [
  { pattern: /^BREAKWATER_FUZZY_PHISH$/, threatType: "Phish", weight: 6 },
  { pattern: /^BREAKWATER_FUZZY_MALWARE$/, threatType: "Malware", weight: 6 },
  { pattern: /PHISH|^SPOOF_|^FROM_NEQ_DISPLAY_NAME$|^FORGED_SENDER/, threatType: "Phish" },
  {
    pattern:
      /^MIME_(DOUBLE_)?BAD_(EXTENSION|ATTACHMENT)$|^MIME_ARCHIVE_IN_ARCHIVE$|^MIME_EXE_IN_GEN_SPLIT_RAR$|VIRUS|MALWARE|^CLAM|^OLETOOLS|^ENCRYPTED_/,
    threatType: "Malware",
  },
  { pattern: /^BAYES_SPAM$|^FUZZY_(DENIED|PROB)$/, threatType: "Spam" },
];

const MAX_OPTIONS = 5;
const MAX_OPTION_LENGTH = 120;

/** Whether the scan shows that rspamd's DNS lookups failed (see DNS_FAILURE_SYMBOL). */
export function isDnsBlind(symbols: readonly TRspamdSymbol[]): boolean {
  return symbols.some(
    (symbol) =>
      DNS_FAILURE_SYMBOL.test(symbol.name) || symbol.options.some((option) => DNS_FAILURE_OPTION.test(option)),
  );
}

/**
 * One signal per symbol that counts: id `rspamd.<SYMBOL>`, weight rspamd's score halved and kept within ±3 (rspamd
 * rejects at 15 and its strong rules score 3–5: halved they are the engine's moderate signals; alone they never
 * decide), except Breakwater's own fuzzy hashes, which count whatever score the rspamd admin gave them. Nothing when
 * the scan did not happen.
 */
export function rspamdSignals(scan: TRspamdScan): TSignal[] {
  if (scan.status !== "ok") return [];
  const isBlind = isDnsBlind(scan.symbols);
  return scan.symbols
    .filter((symbol) => !RESCAN_NOISE.has(symbol.name) && !(isBlind && NEEDS_DNS.test(symbol.name)))
    .flatMap((symbol) => {
      const threat = THREATS.find((candidate) => candidate.pattern.test(symbol.name));
      if (Math.abs(symbol.score) < MIN_SCORE && !threat?.weight) return [];
      const weight = threat?.weight ?? Math.round(Math.max(-3, Math.min(3, symbol.score / 2)) * 10) / 10;
      return [
        {
          id: `rspamd.${symbol.name}`,
          category: "rspamd" as const,
          weight,
          threatType: symbol.score > 0 || threat?.weight ? (threat?.threatType ?? null) : null,
          evidence: evidenceOf(symbol),
        },
      ];
    })
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.id.localeCompare(b.id));
}

function evidenceOf(symbol: TRspamdSymbol): string {
  const options = symbol.options
    .slice(0, MAX_OPTIONS)
    .map((option) => (option.length > MAX_OPTION_LENGTH ? `${option.slice(0, MAX_OPTION_LENGTH)}…` : option));
  const more = symbol.options.length > MAX_OPTIONS ? ` and ${symbol.options.length - MAX_OPTIONS} more` : "";
  const score = `${symbol.score > 0 ? "+" : ""}${Math.round(symbol.score * 100) / 100}`;
  return `rspamd ${symbol.name} (${score})${options.length ? `: ${options.join(", ")}${more}` : ""}`;
}

/** One line for a verdict's reasons: what rspamd said, or why it said nothing. */
export function describeRspamdScan(scan: TRspamdScan): string {
  if (scan.status === "not-configured") return "rspamd: not configured";
  if (scan.status === "unavailable") return `rspamd: unavailable (${scan.reason}); judged without it`;
  return `rspamd: score ${Math.round(scan.score * 100) / 100}, action "${scan.action}"${isDnsBlind(scan.symbols) ? "; its DNS lookups failed, so DNS-based symbols were left out" : ""}`;
}
