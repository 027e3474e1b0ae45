/**
 * The Italian codice fiscale of a natural person (DM 23/12/1976, DPR 605/1973).
 *
 * Layout, 16 characters: 3 family-name letters, 3 given-name letters, 2 year digits,
 * 1 month letter, 2 day digits (+40 for women), 4 Belfiore characters (place of birth),
 * 1 check letter.
 *
 * Omocodia: when two people would get the same code, the Agenzia delle Entrate replaces
 * digits with letters, starting from the rightmost, in positions 7, 8, 10, 11, 13, 14,
 * 15. An omocodic code is a DIFFERENT person with the same birth data: never match
 * people on a de-omocodised code, only on the full 16 characters.
 */

export type CodiceFiscaleError = 'empty' | 'length' | 'format' | 'date' | 'check_char';

export type CodiceFiscaleResult =
  | { ok: true; value: string; birthDate: string; sex: 'M' | 'F'; belfiore: string }
  | { ok: false; error: CodiceFiscaleError };

export interface CodiceFiscalePerson {
  readonly familyName: string;
  readonly givenName: string;
  /** ISO YYYY-MM-DD. */
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
  /** Belfiore code of the comune (e.g. G273 Palermo) or of the foreign country (Z...). */
  readonly belfiore: string;
}

/** Month letters, January to December. */
const MONTH_LETTERS = 'ABCDEHLMPRST';

/** Letters that stand for 0..9 in omocodic codes. */
const OMOCODIA_LETTERS = 'LMNPQRSTUV';

/** 0-based indexes of the characters that omocodia may replace, right to left. */
const OMOCODIA_POSITIONS = [14, 13, 12, 10, 9, 7, 6] as const;

/** Values of characters in odd positions (1st, 3rd, ... 15th), for 0-9 and A-Z alike. */
const ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

const DIGIT_OR_OMOCODIC = `[0-9${OMOCODIA_LETTERS}]`;
const SHAPE = new RegExp(
  `^[A-Z]{6}${DIGIT_OR_OMOCODIC}{2}[A-Z]${DIGIT_OR_OMOCODIC}{2}[A-Z]${DIGIT_OR_OMOCODIC}{3}[A-Z]$`,
);

const A = 'A'.charCodeAt(0);

/** 0-9 for digits, 0-25 for letters: the index both tables are read with. */
function charIndex(c: string): number {
  const code = c.charCodeAt(0);
  return code < A ? code - 48 : code - A;
}

/** The check letter of the first 15 characters (already normalised). */
export function codiceFiscaleCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const index = charIndex(first15.charAt(i));
    // Position i+1 is odd when i is even.
    sum += i % 2 === 0 ? (ODD_VALUES[index] ?? 0) : index;
  }
  return String.fromCharCode(A + (sum % 26));
}

export function normalizeCodiceFiscale(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** Replaces omocodic letters with their digits, leaving the check letter as it is. */
function deOmocodise(cf: string): string {
  const chars = cf.split('');
  for (const i of OMOCODIA_POSITIONS) {
    const k = OMOCODIA_LETTERS.indexOf(chars[i] ?? '');
    if (k >= 0) chars[i] = String(k);
  }
  return chars.join('');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Validates a codice fiscale and decodes its birth data. The two-digit year is read as
 * the most recent year not after `referenceYear` (default: this year), so "85" is 1985
 * and, in 2025, "25" is 2025 and "26" is 1926.
 *
 * Omocodic letters are accepted in any of the seven positions, not only in the
 * right-to-left order the Agenzia uses: refusing a real person's code costs more than
 * accepting an impossible one, and the check letter still catches typing errors.
 */
export function validateCodiceFiscale(s: string, referenceYear: number = new Date().getFullYear()): CodiceFiscaleResult {
  const value = normalizeCodiceFiscale(s);
  if (value.length === 0) return { ok: false, error: 'empty' };
  if (value.length !== 16) return { ok: false, error: 'length' };
  if (!SHAPE.test(value)) return { ok: false, error: 'format' };

  const plain = deOmocodise(value);
  const yy = Number(plain.slice(6, 8));
  const month = MONTH_LETTERS.indexOf(plain.charAt(8)) + 1;
  const rawDay = Number(plain.slice(9, 11));
  const sex = rawDay > 40 ? 'F' : 'M';
  const day = sex === 'F' ? rawDay - 40 : rawDay;
  const year = referenceYear - (((referenceYear % 100) - yy + 100) % 100);
  if (month === 0 || !isRealDate(year, month, day)) return { ok: false, error: 'date' };

  if (codiceFiscaleCheckChar(value.slice(0, 15)) !== value.charAt(15)) return { ok: false, error: 'check_char' };

  const birthDate = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  return { ok: true, value, birthDate, sex, belfiore: plain.slice(11, 15) };
}

const VOWELS = 'AEIOU';

/** Upper-case letters only: accents dropped, apostrophes, spaces and hyphens removed. */
function lettersOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

function split(letters: string): { consonants: string; vowels: string } {
  let consonants = '';
  let vowels = '';
  for (const c of letters) {
    if (VOWELS.includes(c)) vowels += c;
    else consonants += c;
  }
  return { consonants, vowels };
}

function familyNamePart(name: string): string {
  const { consonants, vowels } = split(lettersOf(name));
  return (consonants + vowels + 'XXX').slice(0, 3);
}

function givenNamePart(name: string): string {
  const { consonants, vowels } = split(lettersOf(name));
  if (consonants.length >= 4) return consonants.charAt(0) + consonants.charAt(2) + consonants.charAt(3);
  return (consonants + vowels + 'XXX').slice(0, 3);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const BELFIORE = /^[A-Z]\d{3}$/;

/**
 * Computes the (non-omocodic) codice fiscale of a person. Throws a RangeError when the
 * input cannot give a code: a name without letters, an impossible date, a malformed
 * Belfiore code.
 */
export function encodeCodiceFiscale(person: CodiceFiscalePerson): string {
  if (lettersOf(person.familyName) === '' || lettersOf(person.givenName) === '') {
    throw new RangeError('codice fiscale: the names must contain letters');
  }
  const m = ISO_DATE.exec(person.birthDate);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || !isRealDate(year, month, day)) throw new RangeError(`codice fiscale: not a date: ${person.birthDate}`);
  const belfiore = person.belfiore.toUpperCase();
  if (!BELFIORE.test(belfiore)) throw new RangeError(`codice fiscale: not a Belfiore code: ${person.belfiore}`);

  const first15 =
    familyNamePart(person.familyName) +
    givenNamePart(person.givenName) +
    pad2(year % 100) +
    MONTH_LETTERS.charAt(month - 1) +
    pad2(person.sex === 'F' ? day + 40 : day) +
    belfiore;
  return first15 + codiceFiscaleCheckChar(first15);
}

/**
 * The omocodic variant of a code at `level` 0..7: the rightmost `level` of the seven
 * replaceable digits become letters, and the check letter is recomputed. Level 0 gives
 * the plain code back. Throws a RangeError on a malformed code or level.
 */
export function applyOmocodia(cf: string, level: number): string {
  if (!Number.isInteger(level) || level < 0 || level > OMOCODIA_POSITIONS.length) {
    throw new RangeError(`omocodia level must be 0..${OMOCODIA_POSITIONS.length}: ${level}`);
  }
  const value = normalizeCodiceFiscale(cf);
  if (value.length !== 16 || !SHAPE.test(value)) throw new RangeError(`not a codice fiscale: ${cf}`);
  const chars = deOmocodise(value).split('');
  for (const i of OMOCODIA_POSITIONS.slice(0, level)) {
    chars[i] = OMOCODIA_LETTERS.charAt(Number(chars[i]));
  }
  const first15 = chars.slice(0, 15).join('');
  return first15 + codiceFiscaleCheckChar(first15);
}
