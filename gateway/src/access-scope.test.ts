import type { Identity } from '@tdg/kit/auth/identity';
import { accessScope } from './access-scope.ts';

const staff = (subject: string, organisation: string): Identity => ({ subject, organisation, roles: ['ORG_STAFF'], regionScope: null });

test('the subject does not count: two people of one organisation share a scope', () => {
  expect(accessScope(staff('jane', 'scitt:70245'))).toBe(accessScope(staff('john', 'scitt:70245')));
});

test('the organisation, the region scope and the roles do count', () => {
  expect(accessScope(staff('jane', 'scitt:70245'))).not.toBe(accessScope(staff('jane', 'scitt:70094')));
  const analyst = (region: string): Identity => ({ subject: 'a', organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: region });
  expect(accessScope(analyst('A'))).not.toBe(accessScope(analyst('B')));
  expect(accessScope({ ...staff('jane', 'scitt:70245'), roles: ['ORG_STAFF', 'ADMIN'] })).not.toBe(accessScope(staff('jane', 'scitt:70245')));
});

test('roles in any order are one scope', () => {
  const a: Identity = { subject: 'x', organisation: 'la:808', roles: ['ADMIN', 'ORG_STAFF'], regionScope: null };
  expect(accessScope(a)).toBe(accessScope({ ...a, roles: ['ORG_STAFF', 'ADMIN'] }));
});

test('anonymous callers have a scope of their own, unlike any signed-in one', () => {
  expect(accessScope(null)).toBe('anonymous');
  expect(accessScope({ subject: 'anonymous', organisation: null, roles: [], regionScope: null })).not.toBe('anonymous');
});
