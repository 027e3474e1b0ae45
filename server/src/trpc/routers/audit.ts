import * as z from 'zod';
import { TRPCError } from '@trpc/server';
import { AUDIT_READ_PURPOSES } from '@icaro/domain';
import { procedureFor, router } from '../trpc.ts';
import { AuditAccessError } from '../../services/audit.service.ts';

function mapAccess<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AuditAccessError) {
      throw new TRPCError({ code: error.code === 'not_found' ? 'NOT_FOUND' : 'FORBIDDEN', message: error.code });
    }
    throw error;
  }
}

/** The audited read of a dossier's sensitive answers (issue 4 §7). */
export const dossierRouter = router({
  sensitive: procedureFor('dossier.readSensitive')
    .input(
      z.strictObject({
        dossierId: z.string().min(1).max(64),
        purpose: z.enum(AUDIT_READ_PURPOSES),
        note: z.string().trim().max(200).optional(),
      }),
    )
    .mutation(({ ctx, input }) => mapAccess(() => ctx.app.audit.readSensitive(ctx.user, input))),
});

/** The audit trail: who looked at a dossier, when, which section and why; never its content. */
export const auditRouter = router({
  forDossier: procedureFor('audit.read')
    .input(z.strictObject({ dossierId: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => ctx.app.audit.forDossier(input.dossierId)),
  /** The auditor finds a dossier by reference or protocol number (any office). */
  lookup: procedureFor('audit.read')
    .input(z.strictObject({ code: z.string().trim().min(1).max(40) }))
    .query(({ ctx, input }) => ctx.app.audit.lookup(input.code)),
  /** A citizen: the dates and purposes of the reads of their own dossiers. */
  myDossierReads: procedureFor('audit.ownReads').query(({ ctx }) => ctx.app.audit.myDossierReads(ctx.user)),
});
