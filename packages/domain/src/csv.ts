/**
 * CSV for exports and open data (issue 5 §6). RFC 4180 (comma, CRLF, quotes doubled),
 * and spreadsheet formulas neutralised: a cell that starts with =, +, -, @, a tab or a
 * carriage return is prefixed with an apostrophe, so a spreadsheet shows it as text
 * and never runs it (OWASP "CSV injection").
 */
export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cell(value: CsvValue): string {
  if (value === null) return '';
  const text = neutraliseCell(typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the first is usually the header) as CSV text with CRLF line ends. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Parses CSV as written by `toCsv` (quoted fields, doubled quotes): for tests and checks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
