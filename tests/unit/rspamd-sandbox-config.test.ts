import { describe, expect, it } from "vitest";
import { INDICATOR_KINDS } from "@/lib/threat-indicators";
import { renderMultimap, renderRspamdFiles } from "../../tools/mail-sandbox/rspamd-sandbox-config";
import { renderMainCf, type TSandboxConfig } from "../../tools/mail-sandbox/sandbox-config";
import { RSPAMD_FUZZY_FLAGS } from "@/server/rspamd/learn-from-assessment";

const MAPS = "http://rspamd:bw_token@127.0.0.1:3000/api/v1/rspamd/maps";

describe("the sandbox's rspamd configuration", () => {
  it("enforces every kind of threat indicator: a rejecting prefilter rule reads each kind's map", () => {
    const multimap = renderMultimap(MAPS);
    for (const kind of INDICATOR_KINDS) expect(multimap, kind).toContain(`map = "${MAPS}/${kind}";`);
    const rules = multimap.split(/\n(?=BREAKWATER_)/);
    expect(rules).toHaveLength(8);
    for (const rule of rules)
      expect(rule).toMatch(
        /prefilter = true;\n {2}action = "reject";\n {2}message = "Blocked by Breakwater: [a-zA-Z ]+ in threat intelligence";/,
      );
  });

  it("adds the fuzzy hashes under the flags learning uses, keeps the controller's password required, and has multimap only with a maps URL", () => {
    const config = {
      ports: { normal: 1, controller: 2, milter: 3, fuzzy: 4 },
      controllerPassword: "pw",
      mapsUrl: null,
      dbDir: "/db",
      hsCacheDir: "/hs",
    };
    const files = renderRspamdFiles(config);
    expect(files["override.d/fuzzy_check.conf"]).toContain(
      `BREAKWATER_FUZZY_PHISH { max_score = 20.0; flag = ${RSPAMD_FUZZY_FLAGS.Phish}; }`,
    );
    expect(files["override.d/fuzzy_check.conf"]).toContain(
      `BREAKWATER_FUZZY_MALWARE { max_score = 20.0; flag = ${RSPAMD_FUZZY_FLAGS.Malware}; }`,
    );
    expect(files["override.d/worker-controller.inc"]).toContain('password = "pw";\nsecure_ip = [];');
    expect(files["override.d/worker-proxy.inc"]).toContain('bind_socket = "127.0.0.1:3";\ncount = 1;\nmilter = yes;');
    expect(files).not.toHaveProperty(["local.d/multimap.conf"]);
    expect(renderRspamdFiles({ ...config, mapsUrl: MAPS })["local.d/multimap.conf"]).toBe(renderMultimap(MAPS));
  });

  it("puts Postfix's mail through the milter only when the sandbox has an rspamd, and lets mail flow when rspamd is down", () => {
    const paths = {
      postfixDir: "/p",
      queueDir: "/q",
      dataDir: "/d",
      dovecotDir: "/v",
      runDir: "/r",
      stateDir: "/s",
      logDir: "/l",
      mailDir: "/m",
    };
    const config: TSandboxConfig = {
      instanceName: "x",
      paths,
      ports: { smtp: 1, submission: 2, imap: 3, lmtp: 4, doveadm: 5 },
      policy: null,
      journalMailbox: null,
      doveadmApiKey: "k",
      milterPort: null,
      contentFilter: null,
      mailUid: 1,
      mailGid: 1,
    };
    expect(renderMainCf(config)).not.toContain("milter");
    expect(renderMainCf({ ...config, milterPort: 2732 })).toContain(
      "smtpd_milters = inet:127.0.0.1:2732\nmilter_default_action = accept\nmilter_protocol = 6\n",
    );
  });
});
