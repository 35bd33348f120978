import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAllowedInternal } from "@/server/network/allowed-internal-hosts";
import { internalRange } from "@/server/network/internal-address";
import { guardedLookup, OutboundRefusedError, resolveOutboundTarget } from "@/server/network/outbound-target";

describe("internalRange", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.1", "loopback"],
    ["0x7f.1", "loopback"],
    ["0x7f000001", "loopback"],
    ["2130706433", "loopback"],
    ["0177.0.0.1", "loopback"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["febf::1", "link-local"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["::ffff:10.1.2.3", "private"],
    ["fc00::1", "private (unique local)"],
    ["fd12:3456::1", "private (unique local)"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.254", "carrier-grade NAT"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
  ])("refuses %s as %s", (address, range) => {
    expect(internalRange(address)).toBe(range);
  });

  it.each(["64:ff9b::7f00:1", "2002:7f00:1::", "192.0.2.1", "198.18.0.1"])(
    "refuses the special-purpose %s that may lead back inside",
    (address) => {
      expect(internalRange(address)).not.toBeNull();
    },
  );

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "172.32.0.1",
    "100.128.0.1",
    "93.184.215.14",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
  ])("lets the public %s through", (address) => {
    expect(internalRange(address)).toBeNull();
  });

  it("refuses every IPv4 address in a private, loopback, link-local or CGNAT range, whatever the notation", () => {
    const ranges: [number, number][] = [
      [0x0a000000, 8], // 10/8
      [0xac100000, 12], // 172.16/12
      [0xc0a80000, 16], // 192.168/16
      [0x7f000000, 8], // 127/8
      [0xa9fe0000, 16], // 169.254/16
      [0x64400000, 10], // 100.64/10
    ];
    const inRange = fc
      .tuple(fc.constantFrom(...ranges), fc.nat())
      .map(([[base, bits], host]) => (base | (host & (2 ** (32 - bits) - 1))) >>> 0);
    const dotted = (value: number) => [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join(".");
    const notation = fc.constantFrom(
      dotted,
      (value: number) => String(value),
      (value: number) => `0x${value.toString(16)}`,
      (value: number) => `::ffff:${dotted(value)}`,
      (value: number) => [24, 16, 8, 0].map((shift) => `0${((value >>> shift) & 255).toString(8)}`).join("."),
    );
    fc.assert(fc.property(inRange, notation, (value, write) => internalRange(write(value)) !== null));
  });
});

describe("Allowed internal hosts", () => {
  it("lets a target through by its name, its address or a range holding it", () => {
    expect(isAllowedInternal("mail.internal", "10.1.2.3", ["mail.internal"])).toBe(true);
    expect(isAllowedInternal("MAIL.internal.", "10.1.2.3", ["mail.internal"])).toBe(true);
    expect(isAllowedInternal("0x7f.1", "127.0.0.1", ["127.0.0.1"])).toBe(true);
    expect(isAllowedInternal("[::1]", "::1", ["::1"])).toBe(true);
    expect(isAllowedInternal("db", "10.1.2.3", ["10.0.0.0/8"])).toBe(true);
    expect(isAllowedInternal("db", "10.1.2.3", ["10.2.0.0/16", "mail.internal", "127.0.0.1"])).toBe(false);
    // An IPv4-mapped IPv6 address is the IPv4 address it carries.
    expect(isAllowedInternal("db", "::ffff:10.1.2.3", ["10.0.0.0/8"])).toBe(true);
  });
});

describe("resolving a target", () => {
  const resolver = (answers: string[][]) => {
    let call = 0;
    return async () =>
      (answers[Math.min(call++, answers.length - 1)] ?? []).map((address) => ({
        address,
        family: address.includes(":") ? 6 : 4,
      }));
  };

  it("refuses a name when any of its addresses is internal", async () => {
    await expect(
      resolveOutboundTarget("mixed.example", [], resolver([["93.184.215.14", "10.0.0.1"]])),
    ).rejects.toBeInstanceOf(OutboundRefusedError);
    await expect(resolveOutboundTarget("public.example", [], resolver([["93.184.215.14"]]))).resolves.toEqual([
      { address: "93.184.215.14", family: 4 },
    ]);
    await expect(resolveOutboundTarget("2130706433", [])).rejects.toThrow(/loopback/);
  });

  it("hands the connection only the address it checked, so a changed DNS answer cannot slip an internal one in", async () => {
    // The first answer (a save-time check, say) is public; by the time of the connection it has turned private.
    const rebinding = resolver([["93.184.215.14"], ["169.254.169.254"]]);
    await resolveOutboundTarget("rebind.example", [], rebinding);
    const lookup = guardedLookup([], rebinding);
    const answer = await new Promise<{ error: Error | null; address: unknown }>((resolve) =>
      lookup("rebind.example", { family: 0 }, (error, address) => resolve({ error, address })),
    );
    expect(answer.error).toBeInstanceOf(OutboundRefusedError);
    expect(answer.error?.message).toMatch(/169\.254\.169\.254.*link-local/);
    const allowed = await new Promise<unknown>((resolve) =>
      guardedLookup([], resolver([["93.184.215.14"]]))("ok.example", { all: true }, (_error, addresses) =>
        resolve(addresses),
      ),
    );
    expect(allowed).toEqual([{ address: "93.184.215.14", family: 4 }]);
  });
});
