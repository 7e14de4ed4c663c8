import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, readCsvFile } from './text-file';

const LINE = '申领编号,收款人,账号,金额,结果,银行流水号\nc1,张三,****5678,800,成功,S1';

describe('decodeCsvBytes', () => {
  it('reads UTF-8, with or without a BOM', () => {
    expect(decodeCsvBytes(new TextEncoder().encode(LINE))).toBe(LINE);
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(LINE)]))).toBe(LINE);
  });

  it('reads a GBK file (a bank return saved on Chinese Windows) as the same text', () => {
    const gbk = new Uint8Array(iconv.encode(LINE, 'gbk'));
    expect(new TextDecoder('utf-8').decode(gbk)).not.toBe(LINE); // read as UTF-8 it would be garbled
    expect(decodeCsvBytes(gbk)).toBe(LINE);
  });

  it('reads UTF-16 with its byte-order mark (Excel “Unicode text”)', () => {
    const le = new Uint8Array([0xff, 0xfe, ...iconv.encode(LINE, 'utf-16le')]);
    expect(decodeCsvBytes(le)).toBe(LINE);
    const be = new Uint8Array([0xfe, 0xff, ...iconv.encode(LINE, 'utf-16be')]);
    expect(decodeCsvBytes(be)).toBe(LINE);
  });

  it('reads a File', async () => {
    expect(await readCsvFile(new Blob([new Uint8Array(iconv.encode(LINE, 'gb18030'))]))).toBe(LINE);
  });
});
