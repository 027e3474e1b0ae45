import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionUser } from '../services/auth.service.ts';
import type { AppServices } from '../app-services.ts';
import { readSessionToken } from '../http/cookies.ts';
import { clientIp } from '../http/request.ts';

export interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  user: SessionUser | null;
  sessionToken: string | undefined;
  ip: string;
  app: AppServices;
}

export function createContextFactory(app: AppServices) {
  return ({ req, res }: { req: IncomingMessage; res: ServerResponse }): Context => {
    const sessionToken = readSessionToken(req, app.env);
    return { req, res, sessionToken, user: app.auth.authenticate(sessionToken), ip: clientIp(req, app.env), app };
  };
}
