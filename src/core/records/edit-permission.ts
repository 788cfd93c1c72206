/** Who is editing: their id and role. */
export interface Editor {
  readonly id: string;
  readonly role: string;
}

/** What decides who may change a record: its owner, the owner's manager and a deal's team. */
export interface EditTarget {
  readonly ownerId: string | null;
  readonly ownerManagerId: string | null;
  readonly teamUserIds: readonly string[];
}

/**
 * Whether `editor` may change (edit, archive, merge, convert) a record. An
 * admin may change everything; anyone else a record nobody owns, one they
 * own or work on as a deal's team member, and a manager also the records of
 * the people who report to them. Reading is decided elsewhere, as before.
 *
 * @example
 * mayEditRecord({ id: 'rita', role: 'rep' }, { ownerId: 'ravi', ownerManagerId: 'max', teamUserIds: [] }) // false
 * mayEditRecord({ id: 'max', role: 'manager' }, { ownerId: 'ravi', ownerManagerId: 'max', teamUserIds: [] }) // true
 */
export function mayEditRecord(editor: Editor, target: EditTarget): boolean {
  if (editor.role === 'admin') return true;
  if (target.ownerId === null || target.ownerId === editor.id) return true;
  if (target.teamUserIds.includes(editor.id)) return true;
  return editor.role === 'manager' && target.ownerManagerId === editor.id;
}

/**
 * Whether making `parentId` the parent of `accountId` would close a loop:
 * the parent is the account itself or one of its descendants, that is the
 * account appears among the parent's own ancestors.
 *
 * @example
 * makesParentCycle('a', 'b', ['a']) // true: a is already b's parent
 */
export function makesParentCycle(
  accountId: string,
  parentId: string,
  ancestorsOfParent: readonly string[],
): boolean {
  return parentId === accountId || ancestorsOfParent.includes(accountId);
}
