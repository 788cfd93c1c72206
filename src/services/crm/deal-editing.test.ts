import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { failure } from '../../../test/support/failure.js';
import {
  openSharingWorld,
  type Person,
  type SharingWorld,
} from '../../../test/support/sharing-world.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';

/** A deal's fields, contact roles, team and products, as the record editing service keeps them. */
describe.each(testBackends())('editing deals on the %s backend', (backend) => {
  let world: SharingWorld;
  const user = {} as Record<Person, UserRow>;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    for (const person of ['rita', 'ravi', 'max'] as const) {
      user[person] = (await world.core.auth.findUserByEmail(world.users[person].email))!;
    }
  }, 90_000);
  afterAll(async () => {
    await world?.close();
  });

  const editing = () => world.core.recordEditing;
  const auditOf = (id: string) =>
    world.core.audit.page({ before: null, limit: 20, targetId: id }).then((page) => page.items);

  it('keeps a deal’s stage, amount, currency, dates, roles, team and products', async () => {
    const grace = await world.recordId('contacts', 'CON-001');
    const id = await editing().create(user.rita, 'deal', {
      name: 'Acme support plan',
      stage: 'Proposal',
      status: 'won',
      amount: 1200,
      currency: 'EUR',
      expectedCloseAt: '2025-06-30',
      closedAt: '2025-06-15',
      contacts: [{ contactId: grace, role: 'Decision maker' }],
      team: [{ userId: user.max.id, role: 'Executive sponsor' }],
      products: [
        { name: 'Support plan', quantity: 12, unitPrice: 90 },
        { name: 'Onboarding', quantity: 1, unitPrice: 120.5, currency: 'USD' },
      ],
    });
    expect(await world.core.records.get('deal', id)).toMatchObject({
      stage: 'Proposal',
      status: 'won',
      amount: 1200,
      currency: 'EUR',
      expectedCloseAt: new Date('2025-06-30T00:00:00Z'),
      closedAt: new Date('2025-06-15T00:00:00Z'),
      related: {
        contacts: [{ id: grace, name: 'Grace Hopper', role: 'Decision maker' }],
        team: [expect.objectContaining({ id: user.max.id, role: 'Executive sponsor' })],
        products: [
          { name: 'Support plan', quantity: 12, unitPrice: 90, currency: null },
          { name: 'Onboarding', quantity: 1, unitPrice: 120.5, currency: 'USD' },
        ],
      },
    });
  });

  it('audits a change of a deal’s roles, team and products with before and after', async () => {
    const grace = await world.recordId('contacts', 'CON-001');
    const id = await editing().create(user.rita, 'deal', {
      name: 'Acme renewal',
      contacts: [{ contactId: grace, role: 'Champion' }],
      products: [{ name: 'Licence', quantity: 10, unitPrice: 50 }],
    });
    await editing().update(user.rita, 'deal', id, {
      name: 'Acme renewal',
      contacts: [{ contactId: grace, role: 'Finance' }],
      team: [{ userId: user.ravi.id, role: 'Technical' }],
      products: [{ name: 'Licence', quantity: 20, unitPrice: 45 }],
    });
    const [update] = await auditOf(id);
    expect(update).toMatchObject({
      action: 'record.update',
      details: {
        before: {
          contacts: [expect.objectContaining({ role: 'Champion' })],
          team: [],
          products: [expect.objectContaining({ quantity: 10, unitPrice: 50 })],
        },
        after: {
          contacts: [expect.objectContaining({ role: 'Finance' })],
          team: [expect.objectContaining({ id: user.ravi.id, role: 'Technical' })],
          products: [expect.objectContaining({ quantity: 20, unitPrice: 45 })],
        },
      },
    });
  });

  it('names the row and field of a bad product, a missing contact and an unknown team member', async () => {
    const grace = await world.recordId('contacts', 'CON-001');
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          products: [
            { name: 'A', quantity: 1, unitPrice: 1 },
            { name: 'B', quantity: 0, unitPrice: 1 },
          ],
        },
        'products.1.quantity',
      ],
      [{ products: [{ name: 'A', quantity: 1, unitPrice: -5 }] }, 'products.0.unitPrice'],
      [{ products: [{ name: '', quantity: 1, unitPrice: 1 }] }, 'products.0.name'],
      [
        { products: [{ name: 'A', quantity: 1, unitPrice: 1, currency: 'eur' }] },
        'products.0.currency',
      ],
      [
        {
          contacts: [{ contactId: grace }, { contactId: '00000000-0000-4000-8000-000000000000' }],
        },
        'contacts.1.contactId',
      ],
      [{ team: [{ userId: '00000000-0000-4000-8000-000000000000', role: 'x' }] }, 'team.0.userId'],
    ];
    for (const [input, field] of cases)
      expect(
        await failure(editing().create(user.rita, 'deal', { name: 'D', ...input })),
      ).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [field],
      });
  });

  it('names the field of a close date on an open deal and of a bad currency', async () => {
    expect(
      await failure(editing().create(user.rita, 'deal', { name: 'D', closedAt: '2025-01-01' })),
    ).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['closedAt'] });
    expect(
      await failure(editing().create(user.rita, 'deal', { name: 'D', currency: 'euro' })),
    ).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['currency'] });
  });
});
