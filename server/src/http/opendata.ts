/**
 * Open data (issue 5 §7): the Trasparenza figures as CSV, and their DCAT-AP_IT metadata
 * in JSON-LD, public and without login. Both come from `reports.transparency()`, so they
 * have passed disclosure control exactly as the page has.
 *
 * DCAT-AP_IT (AgID, profile of DCAT-AP for Italian public administrations): a
 * dcatapit:Catalog with one dcatapit:Dataset and its dcatapit:Distribution; publisher and
 * rights holder the Comune di Palermo by its IPA code c_g273; theme SOCI from the EU
 * data-theme vocabulary; licence CC BY 4.0.
 */
import type http from 'node:http';
import { toCsv, type PublishedCell } from '@icaro/domain';
import type { AppServices } from '../app-services.ts';
import type { Statistic, Transparency } from '../services/reports.service.ts';

export const OPENDATA_CSV = '/opendata/tempi.csv';
export const OPENDATA_CATALOG = '/opendata/catalog.jsonld';

export const CSV_HEADER = [
  'codice_servizio',
  'servizio',
  'periodo_da',
  'periodo_a',
  'decisioni',
  'mediana_giorni_richiesta_decisione',
  'quota_decise_entro_termine_percento',
] as const;

/** A suppressed count keeps its label ("<5", "<10"); a statistic over too few is "n.d.". */
function count(c: PublishedCell): string | number {
  return c.kind === 'value' ? c.value : c.label === 'c' ? 'n.d.' : c.label;
}
function statistic(s: Statistic): string | number {
  return s.kind === 'value' ? s.value : 'n.d.';
}

export function transparencyCsv(t: Transparency): string {
  return toCsv([
    [...CSV_HEADER],
    ...t.rows.map((r) => [r.serviceCode, r.title, t.from, t.to, count(r.decided), statistic(r.median), statistic(r.withinTerm)]),
  ]);
}

export function transparencyCatalog(t: Transparency, origin: string): Record<string, unknown> {
  const modified = { '@value': t.computedAt.slice(0, 10), '@type': 'xsd:date' };
  const comune = {
    '@id': `${origin}/opendata/catalog.jsonld#comune-di-palermo`,
    '@type': ['foaf:Agent', 'dcatapit:Agent'],
    'foaf:name': { '@value': 'Comune di Palermo', '@language': 'it' },
    'dct:identifier': 'c_g273',
  };
  const lastDay = (month: string) => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  };
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      dcatapit: 'http://dati.gov.it/onto/dcatapit#',
      foaf: 'http://xmlns.com/foaf/0.1/',
      vcard: 'http://www.w3.org/2006/vcard/ns#',
      locn: 'http://www.w3.org/ns/locn#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': `${origin}${OPENDATA_CATALOG}`,
    '@type': ['dcat:Catalog', 'dcatapit:Catalog'],
    'dct:title': { '@value': 'Dati aperti dei servizi sociali del Comune di Palermo (ICARO)', '@language': 'it' },
    'dct:description': {
      '@value': 'Tempi dei procedimenti dei servizi socio-assistenziali, in forma aggregata e protetta dal segreto statistico.',
      '@language': 'it',
    },
    'dct:publisher': comune,
    'dct:modified': modified,
    'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/ITA' },
    'foaf:homepage': { '@id': `${origin}/trasparenza` },
    'dcat:dataset': [
      {
        '@id': `${origin}/opendata/tempi`,
        '@type': ['dcat:Dataset', 'dcatapit:Dataset'],
        'dct:identifier': 'c_g273:icaro-tempi-servizi-sociali',
        'dct:title': { '@value': 'Tempi di risposta dei servizi sociali, per servizio (ultimi 12 mesi)', '@language': 'it' },
        'dct:description': {
          '@value':
            'Per ogni servizio del catalogo: decisioni prese, mediana dei giorni dalla richiesta alla decisione (esclusi i giorni di sospensione) e quota di decisioni entro il termine di legge. Conteggi da 1 a 4 (da 1 a 9 per salute, disabilità e minori) indicati come "<5" o "<10"; mediane e quote pubblicate solo con almeno 10 decisioni ("n.d." altrimenti).',
          '@language': 'it',
        },
        'dct:publisher': comune,
        'dct:rightsHolder': comune,
        'dct:modified': modified,
        'dcat:theme': { '@id': 'http://publications.europa.eu/resource/authority/data-theme/SOCI' },
        'dct:accrualPeriodicity': { '@id': 'http://publications.europa.eu/resource/authority/frequency/DAILY' },
        'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/ITA' },
        'dcat:keyword': ['servizi sociali', 'tempi dei procedimenti', 'trasparenza', 'Palermo'],
        'dct:temporal': {
          '@type': 'dct:PeriodOfTime',
          'dcat:startDate': { '@value': `${t.from}-01`, '@type': 'xsd:date' },
          'dcat:endDate': { '@value': lastDay(t.to), '@type': 'xsd:date' },
        },
        'dct:spatial': {
          '@type': 'dct:Location',
          'dcatapit:geographicalIdentifier': 'http://www.geonames.org/2523920',
          'locn:geographicalName': { '@value': 'Palermo', '@language': 'it' },
        },
        'dcat:contactPoint': {
          '@id': `${origin}/opendata/catalog.jsonld#contatto`,
          '@type': ['vcard:Organization', 'dcatapit:Organization'],
          'vcard:fn': 'Comune di Palermo – Servizi sociali',
          'vcard:hasEmail': { '@id': 'mailto:servizisociali@comune.palermo.example' },
        },
        'dcat:distribution': [
          {
            '@id': `${origin}${OPENDATA_CSV}#distribuzione`,
            '@type': ['dcat:Distribution', 'dcatapit:Distribution'],
            'dct:title': { '@value': 'Tempi di risposta per servizio (CSV)', '@language': 'it' },
            'dcat:accessURL': { '@id': `${origin}${OPENDATA_CSV}` },
            'dcat:downloadURL': { '@id': `${origin}${OPENDATA_CSV}` },
            'dcat:mediaType': 'text/csv',
            'dct:format': { '@id': 'http://publications.europa.eu/resource/authority/file-type/CSV' },
            'dct:modified': modified,
            'dct:license': {
              '@id': 'https://creativecommons.org/licenses/by/4.0/',
              '@type': ['dct:LicenseDocument', 'dcatapit:LicenseDocument'],
              'dct:type': { '@id': 'http://purl.org/adms/licencetype/Attribution' },
              'foaf:name': 'Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)',
            },
          },
        ],
      },
    ],
  };
}

/** Serves the two open-data files; returns false for any other path. */
export function serveOpenData(app: AppServices, pathname: string, res: http.ServerResponse): boolean {
  if (pathname !== OPENDATA_CSV && pathname !== OPENDATA_CATALOG) return false;
  const t = app.reports.transparency();
  const headers = { 'Cache-Control': 'public, max-age=3600', 'Access-Control-Allow-Origin': '*' };
  if (pathname === OPENDATA_CSV) {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="tempi-servizi-sociali.csv"',
    });
    res.end(transparencyCsv(t));
  } else {
    res.writeHead(200, { ...headers, 'Content-Type': 'application/ld+json; charset=utf-8' });
    res.end(JSON.stringify(transparencyCatalog(t, app.env.allowedOrigins[0]!), null, 2));
  }
  return true;
}
