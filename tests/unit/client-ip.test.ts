import { describe, expect, it } from "vitest";
import { clientIp } from "@/server/auth/client-ip";
import { accountDelayMs, MAX_FAILURES } from "@/server/auth/sign-in-throttle";
import { PEER_HEADER } from "@/server/http/socket-peer";

const headers = (peer: string | null, forwarded?: string) => ({
  ...(peer ? { [PEER_HEADER]: peer } : {}),
  ...(forwarded ? { "x-forwarded-for": forwarded } : {}),
});

describe("clientIp", () => {
  it("believes no X-Forwarded-For by default: the socket's peer is the client", () => {
    expect(clientIp(headers("198.51.100.7", "203.0.113.1"), [])).toBe("198.51.100.7");
    expect(clientIp(headers("::ffff:198.51.100.7", "203.0.113.1, 10.0.0.1"), [])).toBe("198.51.100.7");
  });

  it("knows no client when the peer is unknown, whatever a client wrote", () => {
    expect(clientIp(headers(null, "203.0.113.1"), [])).toBeNull();
    expect(clientIp(headers("not an address", "203.0.113.1"), ["10.0.0.0/8"])).toBeNull();
  });

  it("reads X-Forwarded-For from its right end, past each trusted proxy, when the peer is one", () => {
    expect(clientIp(headers("10.0.0.2", "203.0.113.1"), ["10.0.0.0/8"])).toBe("203.0.113.1");
    // What the client prepended itself is not believed: the first address a trusted proxy saw is.
    expect(clientIp(headers("10.0.0.2", "1.1.1.1, 203.0.113.1"), ["10.0.0.0/8"])).toBe("203.0.113.1");
    expect(clientIp(headers("10.0.0.2", "203.0.113.1, 10.0.0.9"), ["10.0.0.0/8"])).toBe("203.0.113.1");
    expect(clientIp(headers("10.0.0.2", "garbage, 10.0.0.9"), ["10.0.0.0/8"])).toBe("10.0.0.2");
    expect(clientIp(headers("10.0.0.2"), ["10.0.0.2"])).toBe("10.0.0.2");
    // A proxy that is not trusted is the client, as far as anyone can tell.
    expect(clientIp(headers("10.0.0.2", "203.0.113.1"), ["10.0.1.0/24"])).toBe("10.0.0.2");
  });
});

describe("accountDelayMs", () => {
  it("waits nothing before MAX_FAILURES, then doubles from half a second up to ten", () => {
    expect(accountDelayMs(MAX_FAILURES - 1)).toBe(0);
    expect(accountDelayMs(MAX_FAILURES)).toBe(500);
    expect(accountDelayMs(MAX_FAILURES + 1)).toBe(1_000);
    expect(accountDelayMs(MAX_FAILURES + 20)).toBe(10_000);
  });
});
