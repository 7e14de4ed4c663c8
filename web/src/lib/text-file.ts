/**
 * The text of an uploaded CSV as a person's spreadsheet or bank system wrote it: valid UTF-8
 * (with or without BOM) is UTF-8; anything else is GBK (read as GB 18030, its superset) — Chinese
 * banks and Excel "CSV" saves on Chinese Windows write GBK. The same rule as the server's imports
 * (server/kernel/imports/read.ts).
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
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
