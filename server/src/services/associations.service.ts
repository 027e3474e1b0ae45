import crypto from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { CIRCOSCRIZIONE_NUMBERS, USER_AREAS, type UserArea } from '@icaro/domain';
import type { Db } from '../db/client.ts';
import type { Repositories } from '../repositories/index.ts';
import type { AssociationRow, OperatorRow } from '../repositories/associations.repo.ts';
import type { SessionUser } from './auth.service.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';

/** What the public directory shows of an association: organisational data only, no people. */
export interface PublicAssociation {
  id: string;
  name: string;
  runtsNumber: string;
  description: string;
  userAreas: UserArea[];
  circoscrizioni: number[];
  serviceCodes: string[];
  address: string;
  phone: string;
  email: string;
  website: string | null;
  openingHours: string;
}

export interface AdminAssociation extends PublicAssociation {
  approved: boolean;
  approvedAt: string | null;
}

export class AssociationError extends Error {
  constructor(readonly code: 'not_found' | 'forbidden' | 'invalid_code' | 'weak_password' | 'already_approved') {
    super(code);
  }
}

/** An invitation is good for a week: long enough to reach a volunteer, short enough to lapse. */
const INVITATION_MS = 7 * 24 * 3_600_000;

function hashCode(code: string): string {
  return crypto.createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('base64url');
}

/** 12 characters from an alphabet without look-alikes (0/O, 1/I): about 60 bits. */
function newCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

function parseList<T>(json: string, allowed: readonly T[]): T[] {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter((v): v is T => allowed.includes(v as T)) : [];
}

function toPublic(a: AssociationRow): PublicAssociation {
  return {
    id: a.id,
    name: a.name,
    runtsNumber: a.runtsNumber,
    description: a.description,
    userAreas: parseList(a.userAreas, USER_AREAS),
    circoscrizioni: parseList<number>(a.circoscrizioni, CIRCOSCRIZIONE_NUMBERS),
    serviceCodes: (JSON.parse(a.serviceCodes) as unknown[]).filter((c): c is string => typeof c === 'string'),
    address: a.address,
    phone: a.phone,
    email: a.email,
    website: a.website,
    openingHours: a.openingHours,
  };
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 30);
}

export function createAssociationsService(db: Db, repos: Repositories, now: () => number = Date.now) {
  function ownAssociation(user: SessionUser): string {
    if (!user.associationId) throw new AssociationError('forbidden');
    return user.associationId;
  }

  function ownOperator(user: SessionUser, operatorId: string) {
    const operator = repos.users.findById(operatorId);
    // Another association's operator is "not found": its existence is not disclosed.
    if (!operator || operator.role !== 'association_operator' || operator.associationId !== ownAssociation(user)) {
      throw new AssociationError('not_found');
    }
    return operator;
  }

  return {
    /** The public directory: approved associations only. */
    directory(): PublicAssociation[] {
      return repos.associations
        .all()
        .filter((a) => a.approved)
        .map(toPublic);
    },

    /** For the city's administrator, with approval state. */
    adminList(): AdminAssociation[] {
      return repos.associations.all().map((a) => ({ ...toPublic(a), approved: a.approved, approvedAt: a.approvedAt }));
    },

    approve(user: SessionUser, associationId: string): AdminAssociation {
      const a = repos.associations.findById(associationId);
      if (!a) throw new AssociationError('not_found');
      if (!a.approved) repos.associations.approve(a.id, user.id, new Date(now()).toISOString());
      const updated = repos.associations.findById(associationId)!;
      return { ...toPublic(updated), approved: true, approvedAt: updated.approvedAt };
    },

    /** The association of its administrator, and its operators. */
    mine(user: SessionUser): { association: AdminAssociation; operators: OperatorRow[] } {
      const a = repos.associations.findById(ownAssociation(user));
      if (!a) throw new AssociationError('not_found');
      return {
        association: { ...toPublic(a), approved: a.approved, approvedAt: a.approvedAt },
        operators: repos.associations.operators(a.id, now()),
      };
    },

    /** Creates an operator account and a one-time code, returned once and stored only hashed. */
    async invite(user: SessionUser, displayName: string): Promise<{ operatorId: string; username: string; code: string; expiresAt: string }> {
      const associationId = ownAssociation(user);
      const base = slug(displayName) || 'operatore';
      let username = base;
      for (let i = 2; repos.users.findByUsername(username); i++) username = `${base}.${i}`;
      // Nobody knows this password: the account opens only through the invitation.
      const passwordHash = await hashPassword(crypto.randomBytes(32).toString('base64url'));
      const code = newCode();
      const t = now();
      const operatorId = uuidv7();
      db.transaction(() => {
        repos.users.insert({
          id: operatorId,
          username,
          passwordHash,
          displayName: displayName.trim(),
          role: 'association_operator',
          associationId,
          active: true,
          createdAt: new Date(t).toISOString(),
        });
        repos.associations.insertInvitation({
          id: uuidv7(),
          userId: operatorId,
          codeHash: hashCode(code),
          createdBy: user.id,
          createdAt: t,
          expiresAt: t + INVITATION_MS,
          usedAt: null,
        });
      });
      return { operatorId, username, code, expiresAt: new Date(t + INVITATION_MS).toISOString() };
    },

    /** Takes effect at once: the account stops authenticating and its sessions are deleted. */
    deactivate(user: SessionUser, operatorId: string): void {
      const operator = ownOperator(user, operatorId);
      db.transaction(() => {
        repos.associations.setUserActive(operator.id, false);
        repos.sessions.deleteForUser(operator.id);
      });
    },

    reactivate(user: SessionUser, operatorId: string): void {
      repos.associations.setUserActive(ownOperator(user, operatorId).id, true);
    },

    /** The invited operator chooses their password; the code then stops working. */
    async acceptInvitation(code: string, password: string): Promise<{ username: string }> {
      const invitation = repos.associations.findInvitation(hashCode(code));
      const t = now();
      if (!invitation || invitation.usedAt !== null || invitation.expiresAt <= t) throw new AssociationError('invalid_code');
      const operator = repos.users.findById(invitation.userId);
      if (!operator?.active) throw new AssociationError('invalid_code');
      if (checkPasswordPolicy(password)) throw new AssociationError('weak_password');
      const passwordHash = await hashPassword(password);
      db.transaction(() => {
        // Hashing awaited above: a second use of the same code may have won meanwhile.
        if (repos.associations.findInvitation(invitation.codeHash)?.usedAt !== null) throw new AssociationError('invalid_code');
        repos.associations.setPassword(operator.id, passwordHash);
        repos.associations.useInvitation(invitation.id, t);
      });
      return { username: operator.username };
    },

    isApproved(associationId: string): boolean {
      return repos.associations.findById(associationId)?.approved === true;
    },
  };
}
export type AssociationsService = ReturnType<typeof createAssociationsService>;
