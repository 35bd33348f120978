import { RSPAMD_FUZZY_FLAGS } from "@/server/rspamd/learn-from-assessment";

// The local.d / override.d files of a throw-away rspamd on top of Debian's /etc/rspamd. Pure text: the sandbox writes
// them, and the README's "rspamd" section shows the same lines for an existing rspamd.

export type TRspamdPorts = { normal: number; controller: number; milter: number; fuzzy: number };

export type TRspamdSandboxConfig = {
  ports: TRspamdPorts;
  controllerPassword: string;
  /** The console's maps route with its token, e.g. http://rspamd:<token>@127.0.0.1:3000/api/v1/rspamd/maps; null: no block maps. */
  mapsUrl: string | null;
  dbDir: string;
  /** Shared by sandboxes: rspamd compiles its regular expressions and TLD list once (minutes on a busy machine). */
  hsCacheDir: string;
};

/**
 * One multimap rule per way an indicator can show in a message. A match rejects the message at SMTP (a prefilter:
 * nothing else is computed first) with a message naming the kind. Domains match a link's host or its registered
 * domain (filter tld: evil.example blocks login.evil.example) and the sender's domain, envelope or From header.
 */
export function renderMultimap(mapsUrl: string): string {
  const rule = (symbol: string, kind: string, lines: string[], what: string) =>
    `${symbol} {\n${[
      ...lines,
      `map = "${mapsUrl}/${kind}";`,
      "prefilter = true;",
      'action = "reject";',
      `message = "Blocked by Breakwater: ${what} in threat intelligence";`,
      "score = 10.0;",
      `description = "Breakwater: ${what} blocked";`,
    ]
      .map((line) => `  ${line}`)
      .join("\n")}\n}`;
  return `${[
    rule("BREAKWATER_BLOCKED_URL", "url", ['type = "url";', 'filter = "full";'], "URL"),
    rule("BREAKWATER_BLOCKED_URL_HOST", "domain", ['type = "url";'], "link domain"),
    rule("BREAKWATER_BLOCKED_URL_DOMAIN", "domain", ['type = "url";', 'filter = "tld";'], "link domain"),
    rule("BREAKWATER_BLOCKED_SENDER", "sender", ['type = "from";', 'filter = "email:addr";'], "sender"),
    rule(
      "BREAKWATER_BLOCKED_SENDER_HEADER",
      "sender",
      ['type = "header";', 'header = "From";', 'filter = "email:addr";'],
      "sender",
    ),
    rule("BREAKWATER_BLOCKED_SENDER_DOMAIN", "domain", ['type = "from";', 'filter = "email:domain";'], "sender domain"),
    rule("BREAKWATER_BLOCKED_IP", "ip", ['type = "ip";'], "sending IP"),
    rule(
      "BREAKWATER_BLOCKED_FILE",
      "sha256",
      ['type = "selector";', 'selector = "attachments(hex,sha256)";'],
      "attachment",
    ),
  ].join("\n")}\n`;
}

/** Fuzzy hashes of what analysts judged Phish or Malware (learn-from-assessment.ts adds them under these flags). */
export function renderFuzzyCheck(fuzzyServer: string): string {
  return `# Breakwater's own fuzzy storage only (rspamd.com's public one is out of reach offline).
rule "breakwater" {
  algorithm = "mumhash";
  servers = "${fuzzyServer}";
  symbol = "BREAKWATER_FUZZY_UNKNOWN";
  mime_types = ["*"];
  max_score = 20.0;
  read_only = no;
  skip_unknown = yes;
  short_text_direct_hash = true;
  # Short lures count too: rspamd's default policy hashes only texts of 64+ words and parts of 1 KiB+.
  min_length = 0;
  min_bytes = 0;
  fuzzy_map = {
    BREAKWATER_FUZZY_PHISH { max_score = 20.0; flag = ${RSPAMD_FUZZY_FLAGS.Phish}; }
    BREAKWATER_FUZZY_MALWARE { max_score = 20.0; flag = ${RSPAMD_FUZZY_FLAGS.Malware}; }
  }
}
`;
}

/** Every file, by its path under LOCAL_CONFDIR. */
export function renderRspamdFiles(config: TRspamdSandboxConfig): Record<string, string> {
  const { ports, dbDir } = config;
  const files: Record<string, string> = {
    "override.d/worker-normal.inc": `bind_socket = "127.0.0.1:${ports.normal}";\ncount = 1;\n`,
    // secure_ip emptied: Debian's default lets any local process learn without the password.
    "override.d/worker-controller.inc": `bind_socket = "127.0.0.1:${ports.controller}";\ncount = 1;\npassword = "${config.controllerPassword}";\nsecure_ip = [];\nstatic_dir = "\${WWWDIR}";\n`,
    // The proxy in milter mode scans by itself (self_scan): Postfix's smtpd_milters points here.
    "override.d/worker-proxy.inc": `bind_socket = "127.0.0.1:${ports.milter}";\ncount = 1;\nmilter = yes;\ntimeout = 120s;\nupstream "local" {\n  default = yes;\n  self_scan = yes;\n}\n`,
    // sqlite, not Debian's default redis (one more daemon); sync = 1s so an added hash answers within a second.
    "override.d/worker-fuzzy.inc": `bind_socket = "127.0.0.1:${ports.fuzzy}";\ncount = 1;\nbackend = "sqlite";\nhashfile = "${dbDir}/fuzzy.db";\nsync = 1s;\nexpire = 90d;\nallow_update = ["127.0.0.1"];\n`,
    "override.d/fuzzy_check.conf": renderFuzzyCheck(`127.0.0.1:${ports.fuzzy}`),
    "local.d/fuzzy_group.conf":
      'symbols {\n  "BREAKWATER_FUZZY_PHISH" { weight = 10.0; description = "Judged Phish by a Breakwater analyst"; }\n  "BREAKWATER_FUZZY_MALWARE" { weight = 10.0; description = "Judged Malware by a Breakwater analyst"; }\n}\n',
    // Bayes in sqlite files, learnable from the first message on (min_learns = 1) so the sandbox shows it at once.
    // The learn cache (what was learnt already) too: its default is one file in /var/lib/rspamd for every rspamd.
    "override.d/classifier-bayes.conf": `backend = "sqlite3";\nmin_learns = 1;\ncache {\n  type = "sqlite3";\n  path = "${dbDir}/learn_cache.sqlite";\n}\nstatfile {\n  symbol = "BAYES_HAM";\n  spam = false;\n  path = "${dbDir}/bayes.ham.sqlite";\n}\nstatfile {\n  symbol = "BAYES_SPAM";\n  spam = true;\n  path = "${dbDir}/bayes.spam.sqlite";\n}\n`,
    // Offline: DNS answers never come, so fail fast (0.1 s) rather than hold every message for seconds. Maps are
    // polled every couple of seconds, so a new block reaches SMTP within seconds.
    "local.d/options.inc": `dns {\n  nameserver = ["127.0.0.1:1"];\n  timeout = 0.1s;\n  retransmits = 1;\n}\nmap_watch_interval = 2s;\nmaps_cache_dir = "${dbDir}";\nhs_cache_dir = "${config.hsCacheDir}";\n`,
    "local.d/milter_headers.conf": 'use = ["x-spamd-result"];\n',
    "override.d/logging.inc": 'type = "file";\nfilename = "$LOGDIR/rspamd.log";\nlevel = "notice";\n',
  };
  if (config.mapsUrl) files["local.d/multimap.conf"] = renderMultimap(config.mapsUrl);
  return files;
}

/** Postfix's main.cf lines: every SMTP message through rspamd's milter; rspamd down → mail flows (accept). */
export function milterLines(milterPort: number): string[] {
  return [`smtpd_milters = inet:127.0.0.1:${milterPort}`, "milter_default_action = accept", "milter_protocol = 6"];
}
