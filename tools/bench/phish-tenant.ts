import { randomUUID } from "node:crypto";
import pg from "pg";
import { dropDatabase, ensureDatabase, withDatabaseName } from "@/server/db/databases";
import { quoteIdent } from "@/server/ingestion/columnar-insert";
import { DEPARTMENTS, GIVEN_NAMES, ORG_DOMAIN, PARTNERS, SURNAMES } from "@/server/simulator/org/org-directory";
import type { BenchContext } from "./bench.types";

/**
 * The phish benchmarks measure lookups and updates on a tenant of this size at least, whatever the global --rows
 * (whose default suits the ingestion benchmark): the indexes must be deep enough for a missing one to show.
 */
const PHISH_TENANT_MIN_ROWS = 1_000_000;
const TENANT_MAILBOXES = 3_000;
const DAYS = 30;

/**
 * A month of an organisation's mail, loaded by PostgreSQL itself (INSERT ... SELECT over generate_series, no rows
 * through the client): `max(rows, 1,000,000)` EmailEvents, one recipient per message, a third of the messages with
 * a URL, and the mailboxes the recipients live in. Mail arrives up to an hour before `now`, so a campaign simulated
 * in the last hour is the newest. Vacuumed and analysed, so the first measurement pays no hint-bit writes and the
 * planner knows the sizes. Loaded once per run and size: later benchmarks get a copy of the first load's database.
 */
export async function loadPhishTenant({ databaseUrl, rows: wanted, log }: BenchContext): Promise<{ rows: number }> {
  const rows = Math.max(wanted, PHISH_TENANT_MIN_ROWS);
  const template = templates.get(rows);
  if (template) {
    const started = performance.now();
    await dropDatabase(databaseUrl);
    await ensureDatabase(databaseUrl, template);
    log(
      `phishTenant: ${rows} EmailEvents rows copied from the run's first load in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return { rows };
  }
  await loadInto(databaseUrl, rows, log);
  // The next benchmark of this run starts from a file copy of the same tenant: loading 10M rows takes many minutes.
  const name = `breakwater_bench_tenant_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  await ensureDatabase(withDatabaseName(databaseUrl, name), new URL(databaseUrl).pathname.slice(1));
  templates.set(rows, name);
  return { rows };
}

/** The tenants loaded by this run, by size: a database each, that later benchmarks copy. */
const templates = new Map<number, string>();

/** Drops the copies loadPhishTenant kept: npm run bench calls it once every benchmark has run. */
export async function dropPhishTenantCopies(serverUrl: string): Promise<void> {
  for (const name of templates.values()) await dropDatabase(withDatabaseName(serverUrl, name));
  templates.clear();
}

async function loadInto(databaseUrl: string, rows: number, log: BenchContext["log"]): Promise<void> {
  const now = new Date();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    await client.query("select setseed(0.42)");
    const names = await client.query<{ address: string }>(
      `insert into "Mailbox" (id, address, "displayName", department, country)
       select gen_random_uuid()::text,
              lower(g.given || '.' || s.surname || case when n >= $3 then (n / $3)::text else '' end) || '@' || $4,
              g.given || ' ' || s.surname, ($5::text[])[n % cardinality($5::text[]) + 1], 'US'
       from generate_series(0, $6 - 1) as n,
            lateral (select ($1::text[])[n % cardinality($1::text[]) + 1] as given) g,
            lateral (select ($2::text[])[(n / cardinality($1::text[])) % cardinality($2::text[]) + 1] as surname) s
       returning address`,
      [
        GIVEN_NAMES,
        SURNAMES,
        GIVEN_NAMES.length * SURNAMES.length,
        ORG_DOMAIN,
        DEPARTMENTS.map((department) => department.name),
        TENANT_MAILBOXES,
      ],
    );
    const mailboxes = names.rows.map((row) => row.address);
    // EmailEvent is partitioned by month: the window's months get their own partitions, not the DEFAULT one.
    await client.query(
      `select breakwater_email_event_month(month) from generate_series(
         date_trunc('month', ($1::timestamptz - make_interval(days => $2::int)) at time zone 'UTC'),
         $1::timestamptz at time zone 'UTC', interval '1 month') as month`,
      [now, DAYS],
    );
    await withoutSecondaryIndexes(client, ["EmailEvent", "EmailUrlInfo"], async () => {
      await client.query(INSERT_EMAIL_EVENTS, [rows, mailboxes, PARTNERS.map((partner) => partner.domain), now, DAYS]);
      await client.query(INSERT_URLS);
    });
    log(
      `phishTenant: ${rows} EmailEvents rows and ${mailboxes.length} mailboxes loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await client.query(`VACUUM ANALYZE "Mailbox", "EmailEvent", "EmailUrlInfo"`);
  } finally {
    await client.end();
  }
}

/**
 * Building an index once over a million rows is several times faster than keeping it up to date row by row, so the
 * load runs with the tables' secondary indexes dropped and then makes them again from their own definitions.
 */
async function withoutSecondaryIndexes(client: pg.Client, tables: string[], load: () => Promise<void>): Promise<void> {
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `select indexname as name, indexdef as definition from pg_indexes
     where schemaname = current_schema() and tablename = any($1::text[])
       and indexname not in (select conname from pg_constraint where contype = 'p')`,
    [tables],
  );
  for (const index of indexes) await client.query(`drop index ${quoteIdent(index.name)}`);
  await load();
  await client.query("set maintenance_work_mem = '256MB'");
  // A partitioned table's definition says ON ONLY, which makes an invalid index on the parent alone: without it the
  // index is made on every partition too (the benchmarks ran on unindexed EmailEvents partitions until this).
  for (const index of indexes) await client.query(index.definition.replace(/ ON ONLY /, " ON "));
}

// Per row n: its kind of mail from n % 100 (55 inbound from partners, 30 internal, 10 outbound, 5 junked or
// quarantined spam), its recipient a mailbox, its time spread evenly over the window with jitter.
const INSERT_EMAIL_EVENTS = `
  insert into "EmailEvent" (timestamp, "networkMessageId", "internetMessageId", "senderFromAddress", "senderFromDomain",
    "senderMailFromAddress", "senderMailFromDomain", "senderDisplayName", "senderIPv4", "recipientEmailAddress", subject,
    "emailDirection", "deliveryAction", "deliveryLocation", "latestDeliveryLocation", "threatTypes", "detectionMethods",
    "authenticationDetails", "attachmentCount", "urlCount", "emailSize", "bodyFingerprint", "reportId")
  select t.at, t.nmid, '<' || upper(md5(t.nmid::text)) || '@' || t.sender_domain || '>', t.sender, t.sender_domain,
    t.sender, t.sender_domain, initcap(split_part(t.sender, '@', 1)), '192.0.2.' || (10 + n % 200), t.recipient,
    (array['Invoice ', 'Re: Quote request ', 'Meeting notes ', 'Shipping confirmation #', 'Re: Re: Follow-up ', 'Q3 budget review ',
           'Weekly status ', 'Contract draft v'])[n % 8 + 1] || (n % 9973),
    t.direction, t.action, t.location, t.location, t.threat, case when t.threat = '' then '' else '{"Spam":["Advanced filter"]}' end,
    '{"SPF":"pass","DKIM":"pass","DMARC":"pass","CompAuth":"pass"}'::jsonb,
    0, (n % 3 = 0)::int, 8000 + (n::bigint * 7919) % 60000, md5('body ' || (n % ($1::int / 5))), t.nmid::text || '-' || t.recipient
  from generate_series(1, $1::int) as n,
  lateral (
    select ($2::text[])[1 + (n * 2654435761::bigint % cardinality($2::text[]))::int] as mailbox,
           ($2::text[])[1 + ((n + 17) * 7919::bigint % cardinality($2::text[]))::int] as colleague,
           'contact' || (n % 40) || '@' || ($3::text[])[1 + n % cardinality($3::text[])] as partner,
           md5('bench-message-' || n)::uuid as nmid,
           $4::timestamptz - make_interval(secs => 3600 + ($5::int * 86400 - 3600) * (n - random()) / $1::int) as at,
           n % 100 as kind
  ) k,
  lateral (
    select k.nmid, k.at at time zone 'UTC' as at,
      case when k.kind < 55 then k.partner when k.kind < 95 then k.mailbox else 'offers' || (n % 5) || '@mega-discounts.example' end as sender,
      case when k.kind < 55 then split_part(k.partner, '@', 2) when k.kind < 95 then split_part(k.mailbox, '@', 2) else 'mega-discounts.example' end as sender_domain,
      case when k.kind < 55 or k.kind >= 95 then k.mailbox when k.kind < 85 then k.colleague else k.partner end as recipient,
      case when k.kind < 55 or k.kind >= 95 then 'Inbound' when k.kind < 85 then 'Intra-org' else 'Outbound' end as direction,
      case when k.kind < 95 then 'Delivered' when k.kind < 98 then 'Junked' else 'Blocked' end as action,
      case when k.kind < 85 then 'Inbox/folder' when k.kind < 95 then 'On-premises/external' when k.kind < 98 then 'Junk folder' else 'Quarantine' end as location,
      case when k.kind < 95 then '' else 'Spam' end as threat
  ) t`;

const INSERT_URLS = `
  insert into "EmailUrlInfo" (timestamp, "networkMessageId", url, "urlDomain", "urlLocation", "reportId")
  select timestamp, "networkMessageId", 'https://portal.' || "senderFromDomain" || '/d/' || left(md5(id::text), 10),
    'portal.' || "senderFromDomain", 'Body', "networkMessageId"::text
  from "EmailEvent" where "urlCount" = 1`;
