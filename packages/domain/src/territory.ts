/**
 * Palermo's territory: the 8 circoscrizioni, their quartieri, and the social-service
 * office of each. Quartieri names are the public ones; Oreto-Stazione is split between
 * the II and III circoscrizione.
 *
 * Office contacts are SYNTHETIC placeholders until an administrator enters the real
 * ones: telephone numbers are 091 000 ..., which no Palermo line uses, and e-mail
 * addresses are under the reserved .example domain.
 */

export const CIRCOSCRIZIONE_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export type CircoscrizioneNumber = (typeof CIRCOSCRIZIONE_NUMBERS)[number];

/** Palermo leads this social-health district, which covers 9 comuni. */
export const DISTRETTO_SOCIO_SANITARIO = 42;

export interface Circoscrizione {
  readonly number: CircoscrizioneNumber;
  /** "I" .. "VIII". */
  readonly roman: string;
  /** "I Circoscrizione". */
  readonly name: string;
  readonly quartieri: readonly string[];
  readonly officeId: string;
}

export interface Office {
  readonly id: string;
  readonly name: string;
  readonly address: string;
  readonly phone: string;
  readonly email: string;
  /** Opening hours for the public, in plain Italian. */
  readonly hours: string;
  /** The circoscrizione it serves, or null for a central office. */
  readonly circoscrizione: CircoscrizioneNumber | null;
}

const ROMAN: readonly (readonly [number, string])[] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** Roman numeral of 1..3999. Throws a RangeError outside it. */
export function romanNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`no roman numeral for ${n}`);
  let rest = n;
  let out = '';
  for (const [value, symbol] of ROMAN) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

export function isCircoscrizioneNumber(n: unknown): n is CircoscrizioneNumber {
  return typeof n === 'number' && (CIRCOSCRIZIONE_NUMBERS as readonly number[]).includes(n);
}

const QUARTIERI: Record<CircoscrizioneNumber, readonly string[]> = {
  1: ['Tribunali-Castellammare', 'Palazzo Reale-Monte di Pietà'],
  2: ['Oreto-Stazione', 'Settecannoli', 'Brancaccio-Ciaculli'],
  3: ['Oreto-Stazione', 'Villagrazia-Falsomiele'],
  4: ['Montegrappa-Santa Rosalia', 'Cuba-Calatafimi', 'Mezzomonreale-Villa Tasca', 'Altarello', 'Boccadifalco'],
  5: ['Zisa', 'Noce', 'Uditore-Passo di Rigano', 'Borgo Nuovo'],
  6: ['Cruillas', 'San Giovanni Apostolo', 'Resuttana-San Lorenzo'],
  7: ['Arenella-Vergine Maria', 'Pallavicino', 'Tommaso Natale-Sferracavallo', 'Partanna Mondello'],
  8: ['Politeama', 'Libertà', 'Montepellegrino'],
};

const ADDRESSES: Record<CircoscrizioneNumber, string> = {
  1: 'Via Lincoln 144, 90133 Palermo',
  2: 'Via San Ciro 15, 90124 Palermo',
  3: 'Via Francesco La Colla 50, 90123 Palermo',
  4: 'Viale Regione Siciliana 95, 90129 Palermo',
  5: 'Via Adua 22, 90143 Palermo',
  6: 'Via Monte San Calogero 26, 90146 Palermo',
  7: 'Via Eleonora Duse 31, 90149 Palermo',
  8: 'Via Quintino Sella 40, 90139 Palermo',
};

const HOURS_CIRCOSCRIZIONE = 'Lunedì, mercoledì e venerdì dalle 9:00 alle 12:30; martedì e giovedì dalle 15:00 alle 17:00.';

function circoscrizioneOffice(n: CircoscrizioneNumber): Office {
  const roman = romanNumeral(n);
  return {
    id: `UFF-C${n}`,
    name: `Servizio sociale della ${roman} Circoscrizione`,
    address: ADDRESSES[n],
    phone: `091 000 0${n}00`,
    email: `servizisociali.c${n}@comune.palermo.example`,
    hours: HOURS_CIRCOSCRIZIONE,
    circoscrizione: n,
  };
}

export const RAGIONERIA_OFFICE_ID = 'UFF-RAG';

export const OFFICES: readonly Office[] = [
  ...CIRCOSCRIZIONE_NUMBERS.map(circoscrizioneOffice),
  {
    id: RAGIONERIA_OFFICE_ID,
    name: 'Ragioneria generale – pagamenti dei contributi sociali',
    address: 'Piazza Pretoria 1, 90133 Palermo',
    phone: '091 000 0900',
    email: 'ragioneria.servizisociali@comune.palermo.example',
    hours: 'Dal lunedì al venerdì dalle 9:00 alle 12:00.',
    circoscrizione: null,
  },
];

export const CIRCOSCRIZIONI: readonly Circoscrizione[] = CIRCOSCRIZIONE_NUMBERS.map((n) => ({
  number: n,
  roman: romanNumeral(n),
  name: `${romanNumeral(n)} Circoscrizione`,
  quartieri: QUARTIERI[n],
  officeId: `UFF-C${n}`,
}));

/** The social-service office of a circoscrizione. Throws a RangeError outside 1..8. */
export function officeForCircoscrizione(n: number): Office {
  const office = isCircoscrizioneNumber(n) ? OFFICES.find((o) => o.circoscrizione === n) : undefined;
  if (!office) throw new RangeError(`no circoscrizione ${n} in Palermo`);
  return office;
}

export function findOffice(id: string): Office | undefined {
  return OFFICES.find((o) => o.id === id);
}

/** The circoscrizioni a quartiere belongs to (two for Oreto-Stazione), ignoring case. */
export function circoscrizioniOfQuartiere(quartiere: string): readonly CircoscrizioneNumber[] {
  const wanted = quartiere.trim().toLocaleLowerCase('it');
  return CIRCOSCRIZIONI.filter((c) => c.quartieri.some((q) => q.toLocaleLowerCase('it') === wanted)).map((c) => c.number);
}
