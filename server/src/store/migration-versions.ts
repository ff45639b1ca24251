import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectKind } from './database.js';

/**
 * `contents.version` changes whenever anything a thread read shows changes: any comment row of
 * the content (text, counts, deletion, approval) or the name or avatar of one of its authors.
 * Triggers keep it in one place, so no write path (now or later) can forget it, and every
 * server process sharing the database sees the same version — the thread cache keys on it.
 */
export function contentVersions(kind: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('contents')
        .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      for (const statement of kind === 'sqlite' ? sqliteTriggers : postgresTriggers) {
        await sql.raw(statement).execute(db);
      }
    },
  };
}

const bumpAuthorContents = (row: string) =>
  `UPDATE contents SET version = version + 1 WHERE id IN
     (SELECT content_ref FROM comments WHERE site_id = ${row}.site_id AND user_id = ${row}.id)`;

const sqliteTriggers = [
  `CREATE TRIGGER comments_version_ins AFTER INSERT ON comments BEGIN
     UPDATE contents SET version = version + 1 WHERE id = NEW.content_ref; END`,
  `CREATE TRIGGER comments_version_upd AFTER UPDATE ON comments BEGIN
     UPDATE contents SET version = version + 1 WHERE id = NEW.content_ref; END`,
  `CREATE TRIGGER comments_version_del AFTER DELETE ON comments BEGIN
     UPDATE contents SET version = version + 1 WHERE id = OLD.content_ref; END`,
  `CREATE TRIGGER users_version AFTER UPDATE OF name, avatar_url ON users
     WHEN OLD.name IS NOT NEW.name OR OLD.avatar_url IS NOT NEW.avatar_url
     BEGIN ${bumpAuthorContents('NEW')}; END`,
];

const postgresTriggers = [
  `CREATE FUNCTION ss_comments_version() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE contents SET version = version + 1
       WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.content_ref ELSE NEW.content_ref END;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER comments_version AFTER INSERT OR UPDATE OR DELETE ON comments
     FOR EACH ROW EXECUTE FUNCTION ss_comments_version()`,
  `CREATE FUNCTION ss_users_version() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN ${bumpAuthorContents('NEW')}; RETURN NULL; END $$`,
  `CREATE TRIGGER users_version AFTER UPDATE OF name, avatar_url ON users FOR EACH ROW
     WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.avatar_url IS DISTINCT FROM NEW.avatar_url)
     EXECUTE FUNCTION ss_users_version()`,
];
