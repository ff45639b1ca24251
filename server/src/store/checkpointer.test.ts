import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openStore } from './database.js';

it('copies the WAL into the database file from a worker, not from the writing connection', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ss-checkpoint-'));
  const file = join(dir, 'db.sqlite');
  const store = await openStore({ kind: 'sqlite', file });
  try {
    await sql`create table filler (id integer primary key, body text not null)`.execute(store.db);
    const before = statSync(file).size;
    // ~2 MB in ~500 pages: far below the main connection's own automatic checkpoint.
    for (let i = 0; i < 500; i++) {
      await sql`insert into filler (body) values (${'x'.repeat(4000)})`.execute(store.db);
    }
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(2_000_000);
    const deadline = Date.now() + 5_000;
    while (statSync(file).size < before + 2_000_000 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(statSync(file).size).toBeGreaterThan(before + 2_000_000);
    const rows = await sql<{ n: number }>`select count(*) as n from filler`.execute(store.db);
    expect(Number(rows.rows[0]!.n)).toBe(500);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
