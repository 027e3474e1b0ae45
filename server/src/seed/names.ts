/**
 * Name parts for synthetic people. Combinations are random; no record describes a
 * real person. Birth places are real Belfiore codes so that codici fiscali are valid.
 */
export const GIVEN_NAMES_M = [
  'Giuseppe',
  'Salvatore',
  'Francesco',
  'Antonino',
  'Giovanni',
  'Vincenzo',
  'Rosario',
  'Mario',
  'Benedetto',
  'Calogero',
  'Gaetano',
  'Domenico',
  'Pietro',
  'Carmelo',
  'Angelo',
  'Luca',
  'Marco',
  'Alessandro',
  'Andrea',
  'Matteo',
  'Ignazio',
  'Filippo',
  'Michele',
  'Paolo',
  'Sergio',
  'Emanuele',
  'Leonardo',
  'Tommaso',
] as const;
export const GIVEN_NAMES_F = [
  'Maria',
  'Rosa',
  'Giuseppa',
  'Anna',
  'Francesca',
  'Rosalia',
  'Giovanna',
  'Antonina',
  'Caterina',
  'Carmela',
  'Angela',
  'Concetta',
  'Salvatrice',
  'Vincenza',
  'Giulia',
  'Chiara',
  'Martina',
  'Sofia',
  'Federica',
  'Sara',
  'Elena',
  'Valentina',
  'Ilaria',
  'Teresa',
  'Lucia',
  'Agata',
  'Benedetta',
  'Marta',
] as const;
export const FAMILY_NAMES = [
  'Russo',
  'Lombardo',
  'Messina',
  'Lo Cascio',
  'Di Salvo',
  'La Rosa',
  'Marino',
  'Greco',
  'Bruno',
  'Vitale',
  'Parisi',
  'Mancuso',
  'Caruso',
  'Costa',
  'Gallo',
  'Siino',
  'Cusimano',
  'Pecoraro',
  'Scalia',
  'Lo Verde',
  'Di Maggio',
  'Randazzo',
  'Amato',
  'Sciortino',
  'Catalano',
  'Cangelosi',
  'Di Giorgio',
  'Palazzolo',
  'Tarantino',
  'Orlando',
  'Giordano',
  'Ferrara',
  'Mangano',
  'Spataro',
  'Lo Presti',
  'Guarino',
  'Navarra',
  'Bellomo',
  'Sanfilippo',
  'Abbate',
] as const;
/** Palermo weighs most; a few other comuni of the province and two foreign countries. */
export const BIRTH_PLACES = [
  ['G273', 30], // Palermo
  ['B780', 2], // Carini
  ['F377', 2], // Monreale
  ['B315', 1], // Caccamo
  ['L112', 1], // Termini Imerese
  ['A089', 1], // Agrigento
  ['C351', 1], // Catania
  ['Z330', 1], // Marocco
  ['Z249', 1], // Bangladesh
] as const;
export const STREETS = [
  'Via Maqueda',
  'Corso Vittorio Emanuele',
  'Via Roma',
  'Via Oreto',
  'Corso Calatafimi',
  'Via Libertà',
  'Via Notarbartolo',
  'Via Brancaccio',
  'Viale Michelangelo',
  'Via Sampolo',
  'Corso dei Mille',
  'Via Perpignano',
] as const;
/** Written reasons, by the state that needs one. */
export const REASONS: Record<string, readonly string[]> = {
  INTEGRAZIONE_RICHIESTA: [
    'Manca l’attestazione ISEE in corso di validità.',
    'Serve il certificato medico aggiornato.',
    'Manca la copia del contratto di affitto registrato.',
  ],
  PREAVVISO_DINIEGO: [
    'Dalla documentazione l’ISEE supera la soglia prevista dal servizio.',
    'Il richiedente non risulta residente nel Comune di Palermo.',
  ],
  RESPINTA: ['Requisiti di reddito non soddisfatti.', 'Servizio già erogato da altro ente per lo stesso periodo.'],
  IRRICEVIBILE: ['Richiesta presentata due volte per lo stesso periodo.', 'Richiesta presentata oltre i termini dell’avviso.'],
  REVOCATA: ['Il beneficiario ha trasferito la residenza fuori Palermo.', 'Sono venuti meno i requisiti di reddito.'],
};
const FALLBACK_REASON = ['Motivazione registrata dall’ufficio.'] as const;
export function reasonsFor(state: string): readonly string[] {
  return REASONS[state] ?? FALLBACK_REASON;
}
