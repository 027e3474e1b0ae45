import type { ChangeScope } from '../repositories/sync.repo.ts';
import type { SessionUser } from './auth.service.ts';
import { hasPermission } from '@icaro/domain';
import { scopeOf } from './scope.ts';

type Listener = () => void;

/**
 * Data-free notifications ("something changed for you, pull") for connected devices.
 * Nothing sensitive travels in a poke: the device learns what changed only by pulling,
 * through the same permission filter as always.
 */
export class PokeHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(user: SessionUser, listener: Listener): () => void {
    const key = scopeKey(user);
    if (!key) return () => {};
    const set = this.listeners.get(key) ?? new Set();
    set.add(listener);
    this.listeners.set(key, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  notify(scopes: readonly ChangeScope[]): void {
    const keys = new Set<string>();
    for (const s of scopes) {
      if (s.officeId) keys.add(`office:${s.officeId}`);
      if (s.associationId) keys.add(`association:${s.associationId}`);
      if (s.personId) keys.add(`person:${s.personId}`);
      if (s.userId) keys.add(`user:${s.userId}`);
    }
    for (const key of keys) for (const listener of this.listeners.get(key) ?? []) listener();
  }

  get connections(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

function scopeKey(user: SessionUser): string | null {
  const scope = scopeOf(user);
  switch (scope.kind) {
    case 'office':
      return `office:${scope.officeId}`;
    case 'association':
      return `association:${scope.associationId}`;
    case 'person':
      return `person:${scope.personId}`;
    case 'user':
      return `user:${scope.userId}`;
    case 'none':
      // Staff of an office with no dossiers of its own (the Ragioneria) still hear about
      // the internal requests addressed to their office (threads.service.ts).
      return hasPermission(user.role, 'thread.use') && user.officeId ? `office:${user.officeId}` : null;
  }
}
