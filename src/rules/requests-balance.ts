/**
 * requests.balance: per column of 表三, 一 + 二 = 三（七）总计 + 四 — the identity the format prints
 * under the table's title (「第一项加第二项之和，等于第三项加第四项之和」, 国办公开办函〔2019〕60号、
 * 〔2021〕30号): every request received or carried over is either processed or carried forward.
 */
import { slotsOf } from '../record/cell-list.ts';
import { REQUEST_COLUMNS, tableName } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { amount } from './helpers/values.ts';

const COLUMNS = REQUEST_COLUMNS.map((column) => {
  const ids = ['received', 'carriedOver', 'processedTotal', 'carriedForward'].map(
    (row) => `requests.${row}.${column.key}`,
  );
  return { column, ids, slots: slotsOf(ids) };
});

export const requestsBalance = defineRule({
  id: 'requests.balance',
  severity: 'error',
  citation:
    '国办公开办函〔2019〕60号、〔2021〕30号（表三勾稽关系：第一项加第二项之和等于第三项加第四项之和）',
  title: '表三 新收加结转不等于办理总计加结转下年度',
  scope: 'tables',
  check(ctx, report) {
    for (const { column, ids, slots } of COLUMNS) {
      const [received, carriedOver, processed, carriedForward] = slots.map((slot) => amount(ctx, slot));
      if (received === undefined || carriedOver === undefined) continue;
      if (processed === undefined || carriedForward === undefined) continue;
      const incoming = received + carriedOver;
      const outgoing = processed + carriedForward;
      if (incoming === outgoing) continue;
      report(
        `${tableName('requests')} ${column.label}列：第一项本年新收（${received}）加第二项上年结转（${carriedOver}）为 ${incoming}，` +
          `但第三项（七）总计（${processed}）加第四项结转下年度继续办理（${carriedForward}）为 ${outgoing}，两者应相等`,
        { cells: ids, expected: incoming, actual: outgoing },
      );
    }
  },
});
