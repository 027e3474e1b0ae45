/**
 * The device module: the only place that touches IndexedDB (eslint enforces it).
 * - UserStore: one user's outbox, pulled dossiers, drafts and sync bookkeeping.
 * - device settings: display preferences, cached session, persistent-storage outcome.
 */
export { UserStore, type Unsubscribe } from './user-store.ts';
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
