import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@icaro/domain';
import { appRouter } from '../src/trpc/router.ts';

interface ProcedureDef {
  _def: { meta?: { permission?: string }; type: string };
}

describe('the router', () => {
  const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);

  it('has procedures to check', () => {
    expect(procedures.length).toBeGreaterThan(4);
  });

  it.each(procedures)('%s declares a known permission', (_path, procedure) => {
    const permission = procedure._def.meta?.permission;
    expect(permission, 'every procedure must declare the permission it needs').toBeDefined();
    expect(['public', ...PERMISSIONS]).toContain(permission);
  });

  it('keeps public procedures to an explicit, short list', () => {
    const open = procedures.filter(([, p]) => p._def.meta?.permission === 'public').map(([path]) => path);
    // loginCode.*: citizens sign in by code; demo.inbox answers 404 outside demo mode.
    // associations.directory and needs.aggregate: the public directory and the protected
    // needs counts; associations.acceptInvitation: an invited operator has no session yet.
    // albo.submit, albo.status, albo.answer: an applicant to the albo has no account yet (the
    // follow-up code is their key); albo.directory: listed professionals, consented fields only.
    // stats.transparency: the public Trasparenza figures, through disclosure control.
    expect(open.sort()).toEqual([
      'albo.answer',
      'albo.directory',
      'albo.status',
      'albo.submit',
      'associations.acceptInvitation',
      'associations.directory',
      'auth.login',
      'auth.me',
      'auth.secondFactor',
      'catalogue.list',
      'demo.inbox',
      'demo.staffCodes',
      'loginCode.request',
      'loginCode.verify',
      'needs.aggregate',
      'stats.transparency',
    ]);
  });
});
