import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRestrictedUsersRoute } from "@/app/api/v1/restricted-users/route";
import { hoursAgo, makeRestrictedUser, uniqueTag } from "../factories/console";
import { makeToken } from "../factories/users";
import { ids, itRejectsBadListQueries, listCaller } from "../support/list-route";

let token: string;

beforeAll(async () => {
  token = await makeToken("reader");
});

const list = listCaller(listRestrictedUsersRoute, "/api/v1/restricted-users", () => token);

async function makeSet() {
  const tag = uniqueTag();
  const recent = await makeRestrictedUser(
    { address: `zoe-${tag}@example.test`, restrictedAt: hoursAgo(1) },
    { alert: true },
  );
  const older = await makeRestrictedUser({ address: `adam-${tag}@example.test`, restrictedAt: hoursAgo(10) });
  const released = await makeRestrictedUser({
    address: `mia-${tag}@example.test`,
    restrictedAt: hoursAgo(48),
    releasedAt: hoursAgo(20),
    releasedById: "u-1",
    releasedByName: "Olga Operator",
    releaseReason: "Password reset, forwarding removed",
  });
  return { tag, recent, older, released };
}

describe("GET /api/v1/restricted-users", () => {
  it("lists users restricted now by default, newest first, with the alert that points at them", async () => {
    const { tag, recent, older } = await makeSet();
    const { status, body } = await list(`user=${tag}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 25 });
    expect(ids(body)).toEqual([recent.id, older.id]);
    expect(body.items[0].alert).toEqual({ id: recent.alert!.id, title: "User restricted from sending email" });
    expect(body.items[1]).toMatchObject({ alert: null, releasedAt: null });
  });

  it("filters by state and part of the address", async () => {
    const { tag, recent, older, released } = await makeSet();
    const onlyReleased = (await list(`user=${tag}&state=released`)).body;
    expect(ids(onlyReleased)).toEqual([released.id]);
    expect(onlyReleased.items[0]).toMatchObject({
      releasedByName: "Olga Operator",
      releaseReason: "Password reset, forwarding removed",
    });
    expect(ids((await list(`user=${tag}&state=all`)).body)).toEqual([recent.id, older.id, released.id]);
    expect(ids((await list(`user=ADAM-${tag.toUpperCase()}&state=all`)).body)).toEqual([older.id]);
  });

  it("sorts by address and release time, and pages", async () => {
    const { tag, recent, older, released } = await makeSet();
    expect(ids((await list(`user=${tag}&state=all&sort=address`)).body)).toEqual([older.id, released.id, recent.id]);
    // Still-restricted users have no release time: last either way.
    expect(ids((await list(`user=${tag}&state=all&sort=-releasedAt`)).body)[0]).toBe(released.id);
    expect(ids((await list(`user=${tag}&state=all&sort=releasedAt`)).body)[0]).toBe(released.id);
    const page = (await list(`user=${tag}&state=all&pageSize=2&page=2`)).body;
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(ids(page)).toEqual([released.id]);
  });

  itRejectsBadListQueries(list, [
    ["state=blocked", "query.state"],
    ["sort=reason", "query.sort"],
    ["pageSize=0", "query.pageSize"],
  ]);
});
