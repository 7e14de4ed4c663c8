/**
 * 代发明细 (the payment file): what the province sends the bank to pay a batch — one line per
 * payment with the payee's full account (decrypted for this file only); the count and total on
 * the batch sheet. Its first columns are the bank return file's (申领编号, 收款人, 账号, 金额), so the bank's answer
 * (with 结果 and 银行流水号 added) reconciles line by line. A second sheet says which batch it is.
 */
import ExcelJS from 'exceljs';

export const PAYMENT_FILE_COLUMNS = [
  '申领编号',
  '收款人',
  '账号',
  '金额',
  '开户银行',
  '补贴种类',
  '摘要',
  '序号',
] as const;

export interface PaymentFileLine {
  claimId: string;
  payeeName: string;
  account: string;
  amountCents: number;
  bankName: string;
}

export interface PaymentFileBatch {
  id: string;
  kindLabel: string;
  statusLabel: string;
  createdAt: string;
  paidAt: string | null;
  generatedAt: string;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };

export async function paymentFileXlsx(batch: PaymentFileBatch, lines: PaymentFileLine[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '匠心';
  wb.created = new Date(0);
  const ws = wb.addWorksheet('代发明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = PAYMENT_FILE_COLUMNS.map((h) => ({
    header: h,
    width: h === '申领编号' ? 40 : h === '账号' ? 26 : h === '摘要' ? 36 : h === '开户银行' ? 28 : 12,
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).eachCell((c) => (c.fill = HEADER_FILL));
  // Accounts and claim ids are text: Excel must not turn a 19-digit account into 6.22E+18.
  ws.getColumn(1).numFmt = '@';
  ws.getColumn(3).numFmt = '@';
  ws.getColumn(4).numFmt = '0.00';
  lines.forEach((l, i) =>
    ws.addRow([
      l.claimId,
      l.payeeName,
      l.account,
      l.amountCents / 100,
      l.bankName,
      batch.kindLabel,
      `${batch.kindLabel} 批次 ${batch.id.slice(0, 8)}`,
      i + 1,
    ]),
  );
  // The total is on the batch sheet, not a 合计 line here: this sheet is the bank return's first columns.
  const total = lines.reduce((s, l) => s + l.amountCents, 0);

  const info = wb.addWorksheet('批次信息');
  info.columns = [{ width: 14 }, { width: 44 }];
  for (const [k, v] of [
    ['批次编号', batch.id],
    ['补贴种类', batch.kindLabel],
    ['状态', batch.statusLabel],
    ['笔数', String(lines.length)],
    ['合计金额（元）', (total / 100).toFixed(2)],
    ['生成批次', batch.createdAt],
    ['拨付时间', batch.paidAt ?? '—'],
    ['导出时间', batch.generatedAt],
    [
      '说明',
      '含收款人完整银行账号，仅用于向银行提交代发，请妥善保管；银行回盘文件在此表前四列后加「结果」「银行流水号」两列即可上传对账。',
    ],
  ])
    info.addRow([k, v]);
  info.getColumn(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
