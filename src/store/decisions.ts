/**
 * Reviewers' decisions on findings: confirmed or dismissed, with a comment. Keyed by the report and the
 * finding's key (diagnostics `findingKey`), so a decision holds for every version of the report whose
 * checks reproduce the same finding.
 */
import type { Kysely } from 'kysely';
import type { Database, Decision } from './schema.ts';

export interface FindingDecision {
  reportId: number;
  findingKey: string;
  decision: Decision;
  comment: string;
  userId: number;
  login: string | null;
  decidedAt: string;
}

export async function decide(
  db: Kysely<Database>,
  d: {
    reportId: number;
    findingKey: string;
    decision: Decision;
    comment: string;
    userId: number;
    at: string;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('finding_decisions')
      .where('report_id', '=', d.reportId)
      .where('finding_key', '=', d.findingKey)
      .execute();
    await trx
      .insertInto('finding_decisions')
      .values({
        report_id: d.reportId,
        finding_key: d.findingKey,
        decision: d.decision,
        comment: d.comment,
        user_id: d.userId,
        decided_at: d.at,
      })
      .execute();
  });
}

export async function undecide(db: Kysely<Database>, reportId: number, findingKey: string): Promise<void> {
  await db
    .deleteFrom('finding_decisions')
    .where('report_id', '=', reportId)
    .where('finding_key', '=', findingKey)
    .execute();
}

/** Every decision on a report's findings, by finding key. */
export async function decisionsOf(
  db: Kysely<Database>,
  reportId: number,
): Promise<Map<string, FindingDecision>> {
  const rows = await db
    .selectFrom('finding_decisions as d')
    .leftJoin('users as u', 'u.id', 'd.user_id')
    .select([
      'd.report_id',
      'd.finding_key',
      'd.decision',
      'd.comment',
      'd.user_id',
      'u.login',
      'd.decided_at',
    ])
    .where('d.report_id', '=', reportId)
    .execute();
  return new Map(
    rows.map((r) => [
      r.finding_key,
      {
        reportId: Number(r.report_id),
        findingKey: r.finding_key,
        decision: r.decision,
        comment: r.comment,
        userId: Number(r.user_id),
        login: r.login,
        decidedAt: r.decided_at,
      },
    ]),
  );
}
