// Creating and dropping whole databases on a server: the app's own on first start, one per test file.
import pg from "pg";

function serverAdminUrl(databaseUrl: string): { adminUrl: string; database: string } {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  url.pathname = "/postgres";
  return { adminUrl: url.toString(), database };
}

async function withAdminClient<T>(
  databaseUrl: string,
  run: (client: pg.Client, database: string) => Promise<T>,
): Promise<T> {
  const { adminUrl, database } = serverAdminUrl(databaseUrl);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client, database);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates the database named in the URL unless it exists (optionally as a copy of a template database). */
export async function ensureDatabase(databaseUrl: string, template?: string): Promise<void> {
  await withAdminClient(databaseUrl, async (client, database) => {
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount) return;
    await client.query(`create database ${quote(database)}${template ? ` template ${quote(template)}` : ""}`);
  });
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  await withAdminClient(databaseUrl, async (client, database) => {
    await client.query(`drop database if exists ${quote(database)} with (force)`);
  });
}

/** The same server, another database. */
export function withDatabaseName(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
