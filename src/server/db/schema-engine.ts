// Prisma's schema engine, run as WebAssembly through the pg driver adapter: the native engine binary cannot be
// downloaded on offline machines, and this one ships in an npm package. It writes Prisma's own
// `_prisma_migrations` table, so `prisma migrate deploy` keeps working for anyone with the native engine.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { randomUUID } from "node:crypto";
import { dropDatabase, ensureDatabase, withDatabaseName } from "./databases";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
} from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

export const PRISMA_DIR = path.resolve(process.cwd(), "prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
const NO_FILTERS = { externalTables: [], externalEnums: [] };

let wasmReady: Promise<void> | undefined;

// Node 20 cannot `import` a .wasm file without a flag, so instantiate the bytes by hand, as the package's own
// entry module would.
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": glue as never,
    });
    (glue as unknown as { __wbg_set_wasm(exports: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  })();
  return wasmReady;
}

export async function withSchemaEngine<T>(
  databaseUrl: string,
  run: (engine: SchemaEngine, schema: string) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const schema = await readFile(SCHEMA_PATH, "utf8");
  // Our own pool, so that it can be closed: the engine never disposes of the adapter's connections.
  const pool = introspectablePool(databaseUrl);
  const adapter = bindMigrationAwareSqlAdapterFactory(new ShadowSafePrismaPg(pool, databaseUrl));
  const logs: string[] = [];
  const engine = await glue.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (log: string) => logs.push(log),
    adapter,
  );
  try {
    return await run(engine, schema);
  } catch (error) {
    const detail = logs.length ? `\n${logs.slice(-5).join("\n")}` : "";
    throw new Error(`schema engine: ${error instanceof Error ? error.message : String(error)}${detail}`);
  } finally {
    engine.free();
    await pool.end();
  }
}

// The stock factory drops its shadow database while its own pool still holds a connection to it, so the drop
// fails; this one closes the pool first.
class ShadowSafePrismaPg extends PrismaPg {
  constructor(
    pool: pg.Pool,
    private readonly databaseUrl: string,
  ) {
    super(pool);
  }

  override async connect() {
    return withWholeScripts(withCharColumns(await super.connect()));
  }

  override async connectToShadowDb() {
    const shadowUrl = withDatabaseName(this.databaseUrl, `prisma_migrate_shadow_db_${randomUUID()}`);
    await ensureDatabase(shadowUrl);
    const adapter = withWholeScripts(
      withCharColumns(await new PrismaPg(introspectablePool(shadowUrl), { disposeExternalPool: true }).connect()),
    );
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await dropDatabase(shadowUrl);
    };
    return adapter;
  }
}

// Describing an existing schema reads catalog columns of PostgreSQL's one-byte "char" type (OID 18, e.g.
// pg_constraint.contype). The pg adapter refuses that type, while the engine wants it as a Character column. So the
// pool reports those columns as text (remembering which they were) and the adapter's answer is corrected.
const charColumnsByRows = new WeakMap<object, number[]>();
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

function introspectablePool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ ...connectionConfig(databaseUrl), max: 2 });
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as { query: unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    if (!(result instanceof Promise)) return result;
    return result.then((value: { fields?: { dataTypeID: number }[]; rows?: object }) => {
      const charColumns: number[] = [];
      value?.fields?.forEach((field, index) => {
        if (field.dataTypeID !== PG_CHAR_OID) return;
        field.dataTypeID = PG_TEXT_OID;
        charColumns.push(index);
      });
      if (charColumns.length && value.rows) charColumnsByRows.set(value.rows, charColumns);
      return value;
    });
  };
  return pool;
}

function withCharColumns<T extends SqlDriverAdapter>(adapter: T): T {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsByRows.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return adapter;
}

// The pg adapter runs a migration by splitting it at every ";", which cuts apart function bodies (and comments that
// hold one). PostgreSQL takes the whole script as one simple query, as Prisma's native engine sends it.
function withWholeScripts<T extends SqlDriverAdapter>(adapter: T): T {
  const queryable = adapter as unknown as { client: pg.Pool; onError(error: unknown): never };
  adapter.executeScript = async (script) => {
    try {
      await queryable.client.query(script);
    } catch (error) {
      queryable.onError(error);
    }
  };
  return adapter;
}

// Fields, not a connection string: the adapter makes its shadow database by overriding `database`, which a
// connection string would silently win over.
function connectionConfig(databaseUrl: string): pg.PoolConfig {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: decodeURIComponent(url.pathname.slice(1)),
  };
}

export async function readMigrationList(): Promise<MigrationList> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: {
            tag: "ok" as const,
            value: await readFile(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8"),
          },
        },
      })),
    ),
  };
}

/** Applies every migration not yet applied; returns the names it applied. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const migrationsList = await readMigrationList();
  return withSchemaEngine(databaseUrl, async (engine) => {
    const output = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return output.appliedMigrationNames;
  });
}

/** SQL that would bring the migrations up to schema.prisma: empty when every schema change has its migration. */
export async function diffMigrationsToSchema(databaseUrl: string): Promise<string> {
  const migrationsList = await readMigrationList();
  return withSchemaEngine(databaseUrl, async (engine, schema) => {
    const from = migrationsList.migrationDirectories.length
      ? { tag: "migrations" as const, ...migrationsList }
      : { tag: "empty" as const };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const sql = result.stdout ?? "";
    return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? "" : sql;
  });
}
