import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { compromiseUser } from "../support/compromise";
import { settledStatus } from "../support/phish";
import { signIn } from "../support/session";

// The lists an analyst decides from, at a laptop's width and a phone's: at 1280×800 the columns that identify a row
// and its time are whole and on screen without scrolling sideways; at 390×844 the same rows are cards. An
// investigation's tabs are all in sight at 1280×800 too.

type TList = { name: string; url: string; table: string; entity: string; time: string; entityText: string };

async function lists(page: Page): Promise<TList[]> {
  const { victim, forwardTo } = await compromiseUser(page.request);
  // The compromised-user run stops at Pending action, with the rule that forwards her mail away to decide on.
  let investigationId = 0;
  await expect
    .poll(
      async () => {
        const { items } = (await (
          await page.request.get(`/api/v1/investigations?user=${encodeURIComponent(victim)}`)
        ).json()) as { items: { id: number; status: string }[] };
        investigationId = items[0]?.id ?? 0;
        return items[0]?.status;
      },
      { timeout: 90_000, intervals: [500, 1_000, 2_000] },
    )
    .toBe("PendingAction");
  const { items } = (await (
    await page.request.get(`/api/v1/restricted-users?user=${encodeURIComponent(victim)}`)
  ).json()) as { items: { id: number }[] };
  const release = await page.request.post(`/api/v1/restricted-users/${items[0].id}/release`, {
    data: { reason: "Password reset and the forwarding rule removed" },
  });
  expect(release.status()).toBe(200);
  // A rule that is on, so that it has a next run: long names (the built-in rules') wrap rather than being cut.
  const ruleName = `Mail forwarded away from ${victim}`;
  const rule = await page.request.post("/api/v1/detection-rules", {
    data: {
      name: ruleName,
      query: `EmailEvents\n| where RecipientEmailAddress == "${forwardTo}"\n| project Timestamp, NetworkMessageId, RecipientEmailAddress`,
      severity: "Medium",
      category: "Exfiltration",
      frequency: "1h",
      lookBackMinutes: 60,
      entityColumns: ["RecipientEmailAddress", "NetworkMessageId"],
    },
  });
  expect(rule.status()).toBe(201);

  return [
    {
      name: "alerts",
      url: `/alerts?user=${encodeURIComponent(victim)}`,
      table: "Alerts",
      entity: "User",
      time: "Created",
      entityText: victim,
    },
    {
      name: "action-center",
      url: `/action-center?investigation=${investigationId}`,
      table: "Pending actions",
      entity: "Entity",
      time: "Created time",
      entityText: forwardTo,
    },
    {
      name: "explorer",
      url: `/explorer?sender=${encodeURIComponent(victim)}&range=24h`,
      table: "Email",
      entity: "Recipient",
      time: "Date",
      entityText: "@",
    },
    {
      name: "audit-log",
      url: "/settings/audit?action=restrictedUser.release",
      table: "Audit log",
      entity: "Target",
      time: "Time",
      entityText: victim,
    },
    {
      name: "detection-rules",
      url: "/settings/detection-rules",
      table: "Detection rules",
      entity: "Name",
      time: "Next run",
      entityText: ruleName,
    },
    {
      name: "restricted-users",
      url: `/restricted-users?state=all&user=${encodeURIComponent(victim)}`,
      table: "Restricted users",
      entity: "User",
      time: "Restricted since",
      entityText: victim,
    },
  ];
}

/** Each named column's cells: on screen, inside the table's scroll box, and not cut (nothing hidden by the ellipsis). */
async function columnFit(page: Page, table: string, headers: string[]) {
  return page.getByRole("table", { name: table }).evaluate((element, names) => {
    const box = element.parentElement!;
    const heads = [...element.querySelectorAll("thead th")].map((th) =>
      (th.textContent ?? "").replace(/, sort (ascending|descending)$/, "").trim(),
    );
    return {
      scrollsSideways: box.scrollWidth > box.clientWidth + 1,
      columns: names.map((name) => {
        const index = heads.indexOf(name);
        const cells = [...element.querySelectorAll("tbody tr")].map(
          (row) => row.children[index] as HTMLElement | undefined,
        );
        const bad = cells.filter((cell) => {
          if (!cell) return true;
          const rect = cell.getBoundingClientRect();
          const content = cell.firstElementChild as HTMLElement | null;
          const isCut = content ? content.scrollWidth > content.clientWidth + 1 : false;
          return (
            rect.left < 0 ||
            rect.right > window.innerWidth ||
            rect.right > box.getBoundingClientRect().right + 1 ||
            isCut
          );
        });
        return { name, index, rows: cells.length, bad: bad.length };
      }),
    };
  }, headers);
}

async function keep(page: Page, testInfo: TestInfo, file: string) {
  const path = testInfo.outputPath(file);
  await page.screenshot({ path });
  await testInfo.attach(file, { path, contentType: "image/png" });
}

test("at 1280×800 the entity and the time are whole and on screen; at 390×844 the same lists are cards", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await signIn(page);
  const all = await lists(page);

  await page.setViewportSize({ width: 1280, height: 800 });
  for (const list of all) {
    await page.goto(list.url);
    const table = page.getByRole("table", { name: list.table });
    await expect(table.getByRole("row").nth(1)).toBeVisible();
    await expect(table).toContainText(list.entityText);
    const fit = await columnFit(page, list.table, [list.entity, list.time]);
    expect(fit.scrollsSideways, `${list.name} scrolls sideways`).toBe(false);
    for (const column of fit.columns) {
      expect(column.index, `${list.name}: column ${column.name}`).toBeGreaterThanOrEqual(0);
      expect(column.rows, `${list.name}: rows`).toBeGreaterThan(0);
      expect(column.bad, `${list.name}: cells of ${column.name} cut or off screen`).toBe(0);
    }
    await keep(page, testInfo, `${list.name}-1280x800.png`);
  }

  await page.setViewportSize({ width: 390, height: 844 });
  for (const list of all) {
    await page.goto(list.url);
    const cards = page.getByRole("list", { name: list.table });
    await expect(cards.getByRole("listitem").first()).toBeVisible();
    await expect(page.getByRole("table", { name: list.table })).toHaveCount(0);
    const card = cards.getByRole("listitem").filter({ hasText: list.entityText }).first();
    await expect(card).toBeVisible();
    // The card keeps the time (as its heading or under its column's name), and nothing sticks out past the screen's edge.
    await expect(card.locator("time").first()).toBeVisible();
    const overflow = await card.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow, `${list.name}: a card wider than the screen`).toBeLessThanOrEqual(1);
    await keep(page, testInfo, `${list.name}-390x844.png`);
  }
});

test("the column chooser shows an optional column, keeps it for the user, and cannot hide a pinned one", async ({
  page,
}) => {
  await signIn(page);
  await compromiseUser(page.request);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/alerts");
  const table = page.getByRole("table", { name: "Alerts" });
  await expect(table.getByRole("columnheader", { name: "Policy" })).toHaveCount(0);

  await page.getByRole("button", { name: "Choose the columns of Alerts" }).click();
  await expect(page.getByRole("menuitemcheckbox", { name: /^Created/ })).toBeDisabled();
  const saved = page.waitForResponse(
    (response) => response.url().includes("/api/v1/me/table-columns/alerts") && response.request().method() === "PUT",
  );
  await page.getByRole("menuitemcheckbox", { name: "Policy" }).click();
  expect((await saved).status()).toBe(200);
  await page.keyboard.press("Escape");
  await expect(table.getByRole("columnheader", { name: "Policy" })).toBeVisible();

  // Another browser, the same person: the choice came with them.
  const other = await page
    .context()
    .browser()!
    .newContext({ viewport: { width: 1280, height: 800 } });
  const second = await other.newPage();
  await signIn(second);
  await second.goto("/alerts");
  await expect(
    second.getByRole("table", { name: "Alerts" }).getByRole("columnheader", { name: "Policy" }),
  ).toBeVisible();
  await other.close();

  await page.getByRole("button", { name: "Choose the columns of Alerts" }).click();
  await page.getByRole("menuitem", { name: "Reset to the default columns" }).click();
  await expect(table.getByRole("columnheader", { name: "Policy" })).toHaveCount(0);
});

test("at 1280×800 every tab of an investigation is in sight, none scrolled away sideways", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const { victim } = await compromiseUser(page.request);
  const response = await page.request.get(`/api/v1/investigations?user=${encodeURIComponent(victim)}`);
  const { items } = (await response.json()) as { items: { id: number }[] };
  expect(await settledStatus(page.request, items[0].id)).toBe("PendingAction");

  await page.setViewportSize({ width: 1280, height: 800 });
  // The last tab selected: a strip that scrolls keeps the selected tab in view, which would hide the first ones.
  await page.goto(`/investigations/${items[0].id}?tab=history`);
  const strip = page.getByRole("navigation", { name: "Investigation sections" });
  await expect(strip.getByRole("link", { name: /^Pending action history/ })).toHaveAttribute("aria-current", "page");
  const fit = await strip.evaluate((nav) => {
    const box = nav.getBoundingClientRect();
    return {
      scrollWidth: nav.scrollWidth,
      clientWidth: nav.clientWidth,
      tabs: [...nav.querySelectorAll("a")].length,
      outOfSight: [...nav.querySelectorAll("a")]
        .filter((link) => {
          const rect = link.getBoundingClientRect();
          return rect.left < box.left - 1 || rect.right > box.right + 1 || rect.right > window.innerWidth;
        })
        .map((link) => link.textContent),
    };
  });
  expect(fit.tabs).toBe(9);
  expect(fit.scrollWidth, "the tab strip scrolls sideways").toBeLessThanOrEqual(fit.clientWidth);
  expect(fit.outOfSight).toEqual([]);
  await keep(page, testInfo, "investigation-tabs-1280x800.png");
});
