/**
 * Synthetic anagrafe extracts for the benchmark (docs/anagrafe.md format): invented
 * people with valid codici fiscali (encodeCodiceFiscale, omocodia for the rare clash),
 * never real ones. Written to the path given, normally a temp dir: never kept in git.
 *
 *   pnpm --filter @icaro/server exec tsx bench/anagrafe-extract.ts /tmp/estratto.csv 100000 [changed]
 */
import fs from 'node:fs';
import { applyOmocodia, encodeCodiceFiscale } from '@icaro/domain';

const FAMILY = ['Prova', 'Esempio', 'Campione', 'Modello', 'Saggio', 'Fittizio', 'Sintetico', 'Inventato', 'Ipotesi', 'Bozza', 'Schema', 'Traccia'];
const GIVEN_F = ['Anna', 'Rosa', 'Lucia', 'Maria', 'Giulia', 'Sara', 'Marta', 'Elena'];
const GIVEN_M = ['Ugo', 'Rino', 'Dario', 'Piero', 'Luca', 'Marco', 'Paolo', 'Enzo'];
const STREETS = ['Via Roma', 'Via Maqueda', 'Corso Vittorio Emanuele', 'Via Libertà', 'Via Oreto', 'Corso Calatafimi', 'Via Notarbartolo', 'Via Dante'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];
export const EXTRACT_HEADER = 'codice_fiscale;cognome;nome;data_nascita;sesso;indirizzo;circoscrizione;codice_famiglia;data_variazione';

/**
 * Writes n rows. With `changed`, the same people, but every 10th has a new address and
 * every 50th has moved to the next circoscrizione (a later data_variazione).
 */
export function writeExtract(file: string, n: number, changed = false): void {
  const out = fs.openSync(file, 'w');
  const seen = new Set<string>();
  let buffer = EXTRACT_HEADER + '\r\n';
  for (let i = 0; i < n; i++) {
    const sex = i % 2 === 0 ? 'F' : 'M';
    const familyName = FAMILY[Math.floor(i / 16) % FAMILY.length]! + (i % 3 === 0 ? '' : ' ' + FAMILY[Math.floor(i / 7) % FAMILY.length]!);
    const givenName = (sex === 'F' ? GIVEN_F : GIVEN_M)[Math.floor(i / 2) % 8]!;
    const day = new Date(Date.UTC(1930, 0, 1) + ((i * 7919) % 27_000) * 86_400_000).toISOString().slice(0, 10);
    let cf = encodeCodiceFiscale({ familyName, givenName, birthDate: day, sex, belfiore: 'G273' });
    for (let level = 1; seen.has(cf); level++) cf = applyOmocodia(encodeCodiceFiscale({ familyName, givenName, birthDate: day, sex, belfiore: 'G273' }), level);
    seen.add(cf);
    let circ = i % 8;
    let street = `${STREETS[i % STREETS.length]} ${1 + (i % 300)}`;
    let on = '2026-10-01';
    if (changed && i % 10 === 0) {
      street = `${STREETS[(i + 3) % STREETS.length]} ${1 + ((i * 7) % 300)}`;
      on = '2026-11-01';
    }
    if (changed && i % 50 === 0) circ = (circ + 1) % 8;
    buffer += `${cf};${familyName};${givenName};${day};${sex};${street};${ROMAN[circ]};FAM-${Math.floor(i / 3)};${on}\r\n`;
    if (buffer.length > 1 << 20) {
      fs.writeSync(out, buffer);
      buffer = '';
    }
  }
  fs.writeSync(out, buffer);
  fs.closeSync(out);
}

if (process.argv[1]?.endsWith('anagrafe-extract.ts') && process.argv[2]) {
  writeExtract(process.argv[2], Number(process.argv[3] ?? 100_000), process.argv[4] === 'changed');
  console.log(`scritto ${process.argv[2]}`);
}
