import { parseArgs } from 'node:util';
import { ROLES, requiresSecondFactor, type Role } from '@icaro/domain';
import { uuidv7 } from 'uuidv7';
import { loadEnv } from './env.ts';
import { backupDatabase, migrateDatabase, openDatabase } from './db/client.ts';
import { createRepositories } from './repositories/index.ts';
import { seedCity } from './seed/generate.ts';
import { createDueDateKeeper } from './services/queue.service.ts';
import { createStatsKeeper } from './services/stats-keeper.ts';
import { checkPasswordPolicy, hashPassword } from './services/passwords.ts';
import { createAnagrafeService } from './services/anagrafe.service.ts';
import { createAuditTrail } from './services/audit.service.ts';
import { createPrivacyService } from './services/privacy.service.ts';
import { createLogger } from './logger.ts';

const USAGE = `Uso: icaro <comando>
  anagrafe-import <file> [--force]
                                  importa un estratto dell'anagrafe (CSV ;, docs/anagrafe.md)
  migrate                         applica le migrazioni
  seed [--dossiers N] [--citizens N] [--seed S] [--circoscrizione N]
                                  genera una città dimostrativa in un database vuoto
  backup <file>                   copia coerente del database (API di backup di SQLite)
  create-user --username U --role R --name "Nome" [--office ID] [--association ID]
                                  la password si legge da ICARO_PASSWORD
  audit-verify                    verifica la catena del registro degli accessi (exit 1 alla prima riga alterata)
  totp-reset <username>           azzera la verifica in due passaggi (telefono perso): chiude le sessioni, al prossimo accesso se ne attiva una nuova
  retention-purge [--dry-run]     cancella i dati oltre il periodo di conservazione (docs/privacy.md); --dry-run li conta soltanto`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const env = loadEnv();
  const db = openDatabase(env.dbFile);
  migrateDatabase(db, env.MIGRATIONS_DIR);
  const repos = createRepositories(db);
  switch (command) {
    case 'anagrafe-import': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { force: { type: 'boolean' } } });
      const file = positionals[0];
      if (!file) break;
      const started = Date.now();
      const anagrafe = createAnagrafeService(repos, (fn) => db.$client.transaction(fn)());
      const report = await anagrafe.importFile(file, { force: values.force });
      for (const e of report.errors) console.error(`riga ${e.line}: ${e.reason}${e.detail ? ` (${e.detail})` : ''}`);
      if (report.fileError) {
        console.error(`File non importato: ${report.fileError}`);
        return 1;
      }
      if (report.alreadyImportedAt && !values.force) {
        console.log(
          `Questo file (SHA-256 ${report.sha256}) è già stato importato il ${report.alreadyImportedAt}: nulla da fare (--force per rileggerlo).`,
        );
        return 0;
      }
      const { errors: _errors, ...summary } = report;
      console.log(JSON.stringify({ ...summary, seconds: (Date.now() - started) / 1000 }, null, 2));
      return 0;
    }
    case 'migrate':
      console.log(`Database aggiornato: ${env.dbFile}`);
      return 0;
    case 'seed': {
      const { values } = parseArgs({
        args: rest,
        options: {
          dossiers: { type: 'string' },
          citizens: { type: 'string' },
          seed: { type: 'string' },
          circoscrizione: { type: 'string' },
        },
      });
      if (repos.users.count() > 0) {
        console.error('Il database non è vuoto: la città dimostrativa si genera solo in un database nuovo (usa DATA_DIR).');
        return 1;
      }
      const dossiers = Number(values.dossiers ?? env.SEED_DOSSIERS);
      const citizens = Number(values.citizens ?? Math.max(env.SEED_CITIZENS, Math.ceil(dossiers / 4)));
      const started = Date.now();
      const summary = await seedCity(db, repos, {
        dossiers,
        citizens,
        seed: values.seed ? Number(values.seed) : undefined,
        circoscrizione: values.circoscrizione ? Number(values.circoscrizione) : env.SEED_CIRCOSCRIZIONE,
        onProgress: (done, total) => process.stderr.write(`\r${done}/${total} pratiche`),
      });
      process.stderr.write('\n');
      createDueDateKeeper(repos).backfill((fn) => db.$client.transaction(fn)());
      createStatsKeeper(repos).backfill((fn) => db.$client.transaction(fn)());
      console.log(JSON.stringify({ ...summary, seconds: (Date.now() - started) / 1000 }, null, 2));
      return 0;
    }
    case 'backup': {
      const target = rest[0];
      if (!target) break;
      await backupDatabase(db, target);
      console.log(`Backup scritto in ${target}`);
      return 0;
    }
    case 'audit-verify': {
      const result = createAuditTrail(repos.audit).verify();
      if (result.ok) {
        console.log(`ok: ${result.rows} righe`);
        return 0;
      }
      console.error(`Catena interrotta alla riga ${result.brokenAt} (${result.reason}); ${result.rows} righe valide prima.`);
      return 1;
    }
    case 'retention-purge': {
      const { values } = parseArgs({ args: rest, options: { 'dry-run': { type: 'boolean' } } });
      const privacy = createPrivacyService({
        db,
        repos,
        retentionYears: env.PRIVACY_RETENTION_YEARS,
        dataDir: env.DATA_DIR,
        log: createLogger(env.LOG_LEVEL),
      });
      const report = privacy.purge({ dryRun: values['dry-run'] });
      const verb = report.dryRun ? 'da cancellare' : 'cancellate';
      const years = env.PRIVACY_RETENTION_YEARS;
      console.log(
        `Conservazione ${years} ${years === 1 ? 'anno' : 'anni'}: pratiche ${verb} ${report.dossiers}, persone ${verb} ${report.persons}, file eliminati ${report.files}.`,
      );
      console.log(JSON.stringify({ ...report, retentionYears: env.PRIVACY_RETENTION_YEARS }));
      return 0;
    }
    case 'create-user': {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          role: { type: 'string' },
          name: { type: 'string' },
          office: { type: 'string' },
          association: { type: 'string' },
        },
      });
      const password = process.env.ICARO_PASSWORD ?? '';
      if (!values.username || !values.name || !ROLES.includes(values.role as Role)) break;
      const problem = checkPasswordPolicy(password);
      if (problem) {
        console.error(`Password non accettata (${problem}): da 8 a 128 caratteri, non tra quelle più comuni. Impostala in ICARO_PASSWORD.`);
        return 1;
      }
      repos.users.insert({
        id: uuidv7(),
        username: values.username.toLowerCase(),
        passwordHash: await hashPassword(password),
        displayName: values.name,
        role: values.role as Role,
        officeId: values.office ?? null,
        associationId: values.association ?? null,
        createdAt: new Date().toISOString(),
      });
      console.log(
        requiresSecondFactor(values.role as Role)
          ? `Utente creato: ${values.username}. Al primo accesso attiverà la verifica in due passaggi con un'app di autenticazione.`
          : `Utente creato: ${values.username}`,
      );
      return 0;
    }
    case 'totp-reset': {
      const username = rest[0]?.trim().toLowerCase();
      if (!username) break;
      const user = repos.users.findByUsername(username);
      if (!user) {
        console.error(`Utente non trovato: ${username}`);
        return 1;
      }
      const removed = repos.secondFactor.reset(user.id);
      // Open sessions end too: whoever holds the lost phone may also hold a session.
      const ended = repos.sessions.deleteForUser(user.id);
      console.log(
        removed
          ? `Verifica in due passaggi azzerata per ${username} (${ended} sessioni chiuse): al prossimo accesso ne attiverà una nuova.`
          : `${username} non aveva ancora attivato la verifica in due passaggi (${ended} sessioni chiuse).`,
      );
      return 0;
    }
  }
  console.error(USAGE);
  return 2;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Errore: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
