/**
 * A strict RFC 4180 reader for asserting on exports: CRLF row ends, and any quote, CR or LF outside a
 * quoted field is an error, so a value the writer forgot to quote fails the test instead of passing unnoticed.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
    } else if (ch === '"') {
      if (field !== '' || wasQuoted) throw new Error(`stray quote at offset ${i}`);
      quoted = wasQuoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      wasQuoted = false;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      wasQuoted = false;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      throw new Error(`unquoted line break at offset ${i}`);
    } else {
      if (wasQuoted) throw new Error(`text after a closing quote at offset ${i}`);
      field += ch;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('last row does not end with CRLF');
  return rows;
}
