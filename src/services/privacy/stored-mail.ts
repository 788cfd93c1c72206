import type { Queryable } from '../../adapters/db/database.js';
import { mailCleanupRepository } from '../../adapters/db/repositories/mail-cleanup.js';
import { normalizeSubject } from '../../core/threading/index.js';

/**
 * Threads after some of their messages were deleted, redacted or untracked:
 * participants and dates from the messages left, empty threads gone, and the
 * subject key taken from the first message that still has a subject, so a
 * subject that left the messages does not stay on their thread.
 */
export async function tidyThreads(db: Queryable, threadIds: readonly string[]): Promise<void> {
  const cleanup = mailCleanupRepository(db);
  await cleanup.recomputeThreads(threadIds);
  const subjects = await cleanup.threadSubjects(threadIds);
  await cleanup.saveSubjectKeys(
    subjects.map((row) => ({ id: row.id, subjectKey: normalizeSubject(row.subject ?? '') })),
  );
}
