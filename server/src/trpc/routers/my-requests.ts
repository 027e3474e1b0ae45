import { TRPCError } from '@trpc/server';
import { procedureFor, router } from '../trpc.ts';
import { citizenPeople } from '../../services/my-requests.service.ts';

/** A citizen's own facts and their household's, for filing without typing them again. */
export const myRequestsRouter = router({
  people: procedureFor('dossier.file').query(({ ctx }) => {
    const people = citizenPeople(ctx.app.repos, ctx.user);
    if (!people) throw new TRPCError({ code: 'FORBIDDEN', message: 'citizens_only' });
    return people;
  }),
});
