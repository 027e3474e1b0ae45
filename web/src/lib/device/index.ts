/**
 * The device module: the only place that touches IndexedDB (eslint enforces it).
 * - UserStore: one user's outbox, pulled dossiers, drafts and sync bookkeeping, sealed
 *   with the user's data key (keyring.ts: unwrapped from the password, or device-bound).
 * - device settings: display preferences, cached session, persistent-storage outcome.
 */
export { UserStore, lockedUserData, type OutboxCount, type Unsubscribe } from './user-store.ts';
export { FREE_TRIES, deviceKeyIfAny, hasKeyring, openOrCreateDeviceKey, openOrCreatePasswordKey, unlockWithPassword, type UnlockResult } from './keyring.ts';
export { DexieSyncStorage } from './sync-storage.ts';
export { AttachmentStore, type AnswerDraft, type AttachedFile, type AttachmentState, type PreparedAttachment, type StoredAttachment } from './attachment-store.ts';
export type { CitizenPeople, Draft, DraftApplicant, DraftConsent, KnownPersonFacts } from './draft-types.ts';
export {
  DEFAULT_PREFS,
  deleteSetting,
  ensurePersistentStorage,
  getSetting,
  loadPrefs,
  setSetting,
  type DisplayPrefs,
  type PersistOutcome,
} from './device-settings.ts';
