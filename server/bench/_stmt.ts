import Database from 'better-sqlite3';
const proto = (Database as any).prototype;
const origPrepare = proto.prepare;
const stats = new Map<string, { n: number; ms: number }>();
proto.prepare = function (sql: string) {
  const stmt = origPrepare.call(this, sql);
  for (const m of ['run', 'get', 'all']) {
    const orig = stmt[m].bind(stmt);
    stmt[m] = (...args: unknown[]) => {
      const t = performance.now();
      try {
        return orig(...args);
      } finally {
        const s = stats.get(sql.slice(0, 70)) ?? { n: 0, ms: 0 };
        s.n++;
        s.ms += performance.now() - t;
        stats.set(sql.slice(0, 70), s);
      }
    };
  }
  return stmt;
};
process.on('exit', () => {
  [...stats.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 15)
    .forEach(([k, v]) =>
      console.log(v.ms.toFixed(0).padStart(6), 'ms', String(v.n).padStart(6), ((1000 * v.ms) / v.n).toFixed(1).padStart(6) + 'us', k),
    );
});
