import { describe, expect, it } from 'vitest';
import type { Scope } from '../../contracts/roles';
import { mergeGrants, scopeCoversBranch, scopeOf, type Principal, type RoleGrants } from './access';
import { passwordPolicyProblem } from './passwords';
import { describeIssue } from './errors';
import { originProblem } from './auth';
import type { FastifyRequest } from 'fastify';

const grants: RoleGrants = new Map<string, Map<string, Scope>>([
  ['wealth_rm', new Map([['org.staff.read', 'branch']])],
  ['branch_head', new Map([['org.staff.read', 'subtree'], ['org.staff.manage', 'subtree']])],
]);

describe('permissions x scope', () => {
  it('takes the widest scope a permission reaches through any role', () => {
    expect(mergeGrants(['wealth_rm'], grants)).toEqual({ 'org.staff.read': 'branch' });
    expect(mergeGrants(['wealth_rm', 'branch_head'], grants)).toEqual({ 'org.staff.read': 'subtree', 'org.staff.manage': 'subtree' });
    expect(mergeGrants(['guard'], grants)).toEqual({});
  });
  it('turns a grant into a data scope rooted at the caller', () => {
    const p = { staffId: 9, branchId: 4, branchPath: '/1/4/', permissions: { 'org.staff.read': 'subtree' } } as unknown as Principal;
    expect(scopeOf(p, 'org.staff.read')).toEqual({ kind: 'subtree', path: '/1/4/' });
    expect(scopeOf(p, 'org.staff.manage')).toBeNull();
    expect(scopeCoversBranch({ kind: 'subtree', path: '/1/4/' }, { id: 17, path: '/1/4/17/' })).toBe(true);
    expect(scopeCoversBranch({ kind: 'subtree', path: '/1/4/' }, { id: 41, path: '/1/41/' })).toBe(false);
    expect(scopeCoversBranch({ kind: 'branch', branchId: 4 }, { id: 17, path: '/1/4/17/' })).toBe(false);
    expect(scopeCoversBranch({ kind: 'own', staffId: 9 }, { id: 4, path: '/1/4/' })).toBe(false);
  });
});

describe('password policy', () => {
  it('names the rule that failed', () => {
    expect(passwordPolicyProblem('Ab1!', 'wrm')?.zh).toContain('10');
    expect(passwordPolicyProblem('abcdefghijk', 'wrm')?.zh).toContain('三类');
    expect(passwordPolicyProblem('Admin#12345', 'admin')?.en).toContain('username');
    expect(passwordPolicyProblem('Patron@2026', 'wrm')).toBeNull();
  });
});

describe('validation messages', () => {
  it('name the field as a clerk knows it, in both languages', () => {
    expect(describeIssue({ code: 'too_small', origin: 'string', minimum: 2, path: ['name'] })).toEqual({ path: 'name', zh: '「名称」至少需要2个字符', en: '"Name" needs at least 2 characters' });
    expect(describeIssue({ code: 'invalid_value', values: ['M', 'F'], path: ['gender'] }).zh).toContain('M、F');
    expect(describeIssue({ code: 'invalid_format', format: 'regex', message: 'YYYY-MM-DD', path: ['hiredOn'] }).zh).toContain('2026-01-31');
  });
});

describe('origin check', () => {
  const req = (method: string, headers: Record<string, string>) => ({ method, headers }) as unknown as FastifyRequest;
  it('refuses cross-site state changes and lets same-site and reads through', () => {
    expect(originProblem(req('POST', { origin: 'http://evil.example', host: 'bank.local' }))).toBe(true);
    expect(originProblem(req('POST', { origin: 'http://bank.local', host: 'bank.local' }))).toBe(false);
    expect(originProblem(req('POST', { 'sec-fetch-site': 'cross-site', host: 'bank.local' }))).toBe(true);
    expect(originProblem(req('GET', { origin: 'http://evil.example', host: 'bank.local' }))).toBe(false);
    expect(originProblem(req('POST', { origin: 'null', host: 'bank.local' }))).toBe(true);
  });
});
