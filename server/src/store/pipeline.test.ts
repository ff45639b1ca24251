import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type Opened } from '../../test/dialects.js';
import { openStore, type Store } from './database.js';
import { transaction } from './db.js';
import { sendAhead } from './pipeline.js';

const site = (id: string) => ({
  id,
  name: id,
  secret: 's'.repeat(32),
  origins: '[]',
  settings: '{}',
  created_at: new Date().toISOString(),
});

for (const dialect of dialects) {
  describe.skipIf(dialect.skip !== null)(`writes sent ahead [${dialect.name}]`, () => {
    let opened: Opened;
    let store: Store;
    beforeAll(async () => {
      opened = await dialect.open();
      store = await openStore(opened.target);
    });
    afterAll(async () => {
      await store?.close();
      await opened?.cleanup();
    });
    const ids = async (prefix: string) =>
      (
        await store.db
          .selectFrom('sites')
          .select('id')
          .where('id', 'like', `${prefix}%`)
          .orderBy('id')
          .execute()
      ).map((r) => r.id);

    it('commits them with the transaction, and their answers come with the commit', async () => {
      const answered = await transaction(store.db, async (tx) => {
        const a = await sendAhead(tx, tx.insertInto('sites').values(site('ok-1')).returning('id'));
        const b = await sendAhead(tx, tx.insertInto('sites').values(site('ok-2')).returning('id'));
        // A statement behind them sees them: the server runs everything in order.
        const seen = await tx.selectFrom('sites').select('id').where('id', 'like', 'ok-%').execute();
        expect(seen.map((r) => r.id).sort()).toEqual(['ok-1', 'ok-2']);
        return [a.answered, b.answered];
      });
      expect((await Promise.all(answered)).map((r) => r.rows[0]!.id)).toEqual(['ok-1', 'ok-2']);
      expect(await ids('ok-')).toEqual(['ok-1', 'ok-2']);
    });

    it('fails the commit with the first write that failed, commits nothing, and leaves the connection clean', async () => {
      await store.db.insertInto('sites').values(site('dup-0')).execute();
      const failing = transaction(store.db, async (tx) => {
        await sendAhead(tx, tx.insertInto('sites').values(site('dup-1')));
        await sendAhead(tx, tx.insertInto('sites').values(site('dup-0')));
        await sendAhead(tx, tx.insertInto('sites').values(site('dup-2')));
      });
      await expect(failing).rejects.toMatchObject({ message: expect.stringMatching(/unique|duplicate/i) });
      expect(await ids('dup-')).toEqual(['dup-0']);
      // Every later transaction, on whichever connection, starts afresh.
      for (let i = 0; i < 12; i++) {
        await transaction(store.db, async (tx) => {
          await sendAhead(tx, tx.insertInto('sites').values(site(`after-${String(i).padStart(2, '0')}`)));
        });
      }
      expect(await ids('after-')).toHaveLength(12);
    });

    it('rolls back the writes sent ahead when the transaction throws', async () => {
      const thrown = transaction(store.db, async (tx) => {
        await sendAhead(tx, tx.insertInto('sites').values(site('gone-1')));
        throw new Error('changed my mind');
      });
      await expect(thrown).rejects.toThrow('changed my mind');
      expect(await ids('gone-')).toEqual([]);
    });
  });
}
