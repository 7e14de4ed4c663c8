/**
 * The text of an uploaded CSV as a person's spreadsheet or bank system wrote it: UTF-16 with its
 * byte-order mark; valid UTF-8 (with or without BOM) is UTF-8; anything else is GBK (read as GB 18030, its superset) — Chinese
 * banks and Excel "CSV" saves on Chinese Windows write GBK. The same rule as the server's imports
 * (server/kernel/imports/read.ts).
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  // Excel's "Unicode text" is UTF-16 with a byte-order mark.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** A File's text by decodeCsvBytes. */
export async function readCsvFile(f: Blob): Promise<string> {
  return decodeCsvBytes(new Uint8Array(await f.arrayBuffer()));
}
