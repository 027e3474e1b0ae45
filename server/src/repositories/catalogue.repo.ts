import { and, count, eq, desc } from 'drizzle-orm';
import type { CatalogueService } from '@icaro/domain';
import type { Db } from '../db/client.ts';
import { services } from '../db/schema.ts';

export function createCatalogueRepo(db: Db) {
  const cache = new Map<string, CatalogueService | null>();
  return {
    /** A service at a given version; versions are immutable, so they are cached. */
    find(code: string, version: number): CatalogueService | null {
      const key = `${code}@${version}`;
      if (!cache.has(key)) {
        const row = db
          .select()
          .from(services)
          .where(and(eq(services.code, code), eq(services.version, version)))
          .get();
        cache.set(key, row ? (JSON.parse(row.definition) as CatalogueService) : null);
      }
      return cache.get(key) ?? null;
    },
    listCurrent(): CatalogueService[] {
      const rows = db.select().from(services).where(eq(services.active, true)).orderBy(services.code, desc(services.version)).all();
      const seen = new Set<string>();
      const out: CatalogueService[] = [];
      for (const r of rows) {
        if (seen.has(r.code)) continue;
        seen.add(r.code);
        out.push(JSON.parse(r.definition) as CatalogueService);
      }
      return out;
    },
    upsert(service: CatalogueService): void {
      const row = {
        code: service.code,
        version: service.version,
        title: service.title,
        termDays: service.termDays,
        dayKind: service.dayKind,
        siuss: service.siuss,
        userArea: service.userArea,
        sensitive: service.sensitive,
        definition: JSON.stringify(service),
        active: true,
      };
      db.insert(services)
        .values(row)
        .onConflictDoUpdate({
          target: [services.code, services.version],
          set: row,
        })
        .run();
      cache.delete(`${service.code}@${service.version}`);
    },
    count(): number {
      return db.select({ n: count() }).from(services).get()?.n ?? 0;
    },
  };
}
export type CatalogueRepo = ReturnType<typeof createCatalogueRepo>;
