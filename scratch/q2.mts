import { createTestDatabase } from '/work/main/test/support/databases.ts';
import { seedDemoContent } from '/work/main/src/exam/ingest/seed-demo.ts';
const db = await createTestDatabase('sqlite');
await seedDemoContent(db.handle.db, new Date());
const sq = db.handle.sqlite!;
console.log(sq.prepare("select sql from sqlite_master where name='topics' or tbl_name='topics'").all());
console.log(sq.prepare('explain query plan select * from "topics" where "course_id" = ? order by "position", "id"').all('calc2'));
const rows = sq.prepare('select * from "topics" where "course_id" = ?').all('calc2');
console.log(rows.length, JSON.stringify(rows[0]).length);
const s1 = sq.prepare('select id from "topics" where "course_id" = ? order by "position", "id"');
const s2 = sq.prepare('select * from "topics" where "course_id" = ?');
const s3 = sq.prepare('select * from "topics" where "course_id" = ? order by "position", "id"');
for (const [n, s] of [['ids sorted', s1], ['all unsorted', s2], ['all sorted', s3]] as const) {
  for (let i = 0; i < 2000; i++) s.all('calc2');
  const t0 = performance.now(); for (let i = 0; i < 20000; i++) s.all('calc2');
  console.log(n, ((performance.now() - t0) * 1000 / 20000).toFixed(2), 'us');
}
await db.destroy();
