// The state machine and the policy against tables written out by hand: every state ×
// every action (× every role and scope case for the policy). The expectations are
// literal grids, not derived from TRANSITIONS, so a change to the machine or the policy
// must be made twice, on purpose.
import { describe, expect, it } from 'vitest';
import type { Role } from '../../core/roles.js';
import { ROLES } from '../../core/roles.js';
import { allowedTransitions, can, type NewsAction, type PolicyItem, type PolicyUser } from './newsroom.policy.js';
import {
  NEWS_STATES,
  NEWS_TRANSITION_ACTIONS,
  actionsFrom,
  restoreTarget,
  transition,
  type NewsState,
  type NewsTransitionAction,
} from './newsroom.workflow.js';

// ------------------------------------------------------------------ transitions

/** state → next state per action; "-" not allowed; "prev" = the state it was spiked from. */
const EXPECTED_TRANSITIONS = `
state              submit     request_changes    approve   publish    schedule   embargo    unschedule unpublish    republish  correct    kill    spike   restore
draft              submitted  -                  -         -          -          -          -          -            -          -          -       spiked  -
submitted          -          changes_requested  approved  -          -          -          -          -            -          -          killed  spiked  -
changes_requested  submitted  -                  approved  -          -          -          -          -            -          -          killed  spiked  -
approved           -          changes_requested  -         published  scheduled  scheduled  -          -            -          -          killed  spiked  -
scheduled          -          -                  -         published  scheduled  scheduled  approved   -            -          -          killed  spiked  -
published          -          -                  -         -          -          -          -          unpublished  -          published  killed  spiked  -
unpublished        -          -                  -         -          -          -          -          -            published  -          killed  spiked  -
killed             -          -                  -         -          -          -          -          -            -          -          -       -       -
spiked             -          -                  -         -          -          -          -          -            -          -          -       -       prev
`;

function parseGrid(text: string): { header: string[]; rows: Map<string, string[]> } {
  const lines = text
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/));
  const [header, ...rest] = lines;
  return { header: header!.slice(1), rows: new Map(rest.map((r) => [r[0]!, r.slice(1)])) };
}

describe('newsroom workflow: transition(state, action)', () => {
  const grid = parseGrid(EXPECTED_TRANSITIONS);

  it('the expected grid names every state and every action exactly once', () => {
    expect([...grid.rows.keys()].sort()).toEqual([...NEWS_STATES].sort());
    expect([...grid.header].sort()).toEqual([...NEWS_TRANSITION_ACTIONS].sort());
  });

  for (const state of NEWS_STATES) {
    for (const action of NEWS_TRANSITION_ACTIONS) {
      const cell = grid.rows.get(state)![grid.header.indexOf(action)]!;
      if (cell === 'prev') {
        it(`${state} + ${action} → the state it was spiked from`, () => {
          for (const from of NEWS_STATES) {
            const expected = from === 'spiked' || from === 'killed' ? null : from;
            expect(transition(state, action, from)).toBe(expected);
          }
          expect(transition(state, action, null)).toBeNull();
          expect(transition(state, action)).toBeNull();
        });
      } else {
        const expected = cell === '-' ? null : (cell as NewsState);
        it(`${state} + ${action} → ${expected ?? 'not allowed'}`, () => {
          expect(transition(state, action, 'approved')).toBe(expected);
        });
      }
    }
  }

  it('killed is terminal', () => {
    expect(actionsFrom('killed')).toEqual([]);
  });

  it('a restored scheduled item whose time passed comes back approved; otherwise the state it had', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    expect(restoreTarget('scheduled', new Date('2026-12-01T11:00:00Z'), now)).toBe('scheduled');
    expect(restoreTarget('scheduled', new Date('2026-12-01T09:00:00Z'), now)).toBe('approved');
    expect(restoreTarget('scheduled', now, now)).toBe('approved');
    expect(restoreTarget('scheduled', null, now)).toBe('approved');
    expect(restoreTarget('published', null, now)).toBe('published');
    expect(restoreTarget('draft', null, now)).toBe('draft');
  });
});

// ------------------------------------------------------------------ policy

const DISTRICT_3 = 3;
const DISTRICT_1 = 1;
const REGION = 100;
const DEPARTMENT = 50;
const ME = 7;
const SOMEONE_ELSE = 999;

type Scope = { orgUnitId: number | null; departmentId: number | null };
const district3: Scope = { orgUnitId: DISTRICT_3, departmentId: null };
const district1: Scope = { orgUnitId: DISTRICT_1, departmentId: null };
const region: Scope = { orgUnitId: REGION, departmentId: null };
const department: Scope = { orgUnitId: null, departmentId: DEPARTMENT };

/**
 * Columns of the policy grid. The item is in District 3 (under the region), department
 * 50. "own" means the actor wrote it.
 */
interface Column {
  key: string;
  roles: Role[][];
  scope: Scope;
  own: boolean;
}
const WRITERS: Role[][] = [['reporter'], ['liaison'], ['photographer']];
const EDITORS: Role[][] = [['pr_editor'], ['pr_manager'], ['admin', 'pr_editor'], ['reporter', 'pr_manager']];
const NOBODY: Role[][] = [['data_officer'], ['official'], [], ['admin', 'data_officer', 'official']];
const COLUMNS: Column[] = [
  { key: 'wOI', roles: WRITERS, scope: district3, own: true }, // writer, own item, in scope
  { key: 'wOO', roles: WRITERS, scope: district1, own: true }, // writer, own item, scope moved elsewhere
  { key: 'wXI', roles: WRITERS, scope: district3, own: false }, // writer, someone else's item, same district
  { key: 'wXO', roles: WRITERS, scope: district1, own: false }, // writer, someone else's, other district
  { key: 'wDO', roles: WRITERS, scope: department, own: true }, // writer scoped to the item's department, own
  { key: 'wDX', roles: WRITERS, scope: department, own: false }, // … someone else's
  { key: 'wRX', roles: WRITERS, scope: region, own: false }, // writer scoped to the region (everywhere), someone else's
  { key: 'eO', roles: EDITORS, scope: region, own: true }, // PR editor / manager, own item
  { key: 'eX', roles: EDITORS, scope: region, own: false }, // PR editor / manager, someone else's
  { key: 'ad', roles: [['admin']], scope: region, own: false }, // admin alone
  { key: 'xx', roles: NOBODY, scope: region, own: false }, // data officer, official, no role
];

/** Per state: each action → one Y/. per column, in the order of COLUMNS. */
const EXPECTED_POLICY: Record<NewsState, string> = {
  draft: `
    action           wOI wOO wXI wXO wDO wDX wRX eO eX ad xx
    view             Y   Y   .   .   Y   .   .   Y  Y  .  .
    edit             Y   .   .   .   Y   .   .   Y  .  .  .
    note             Y   Y   .   .   Y   .   .   Y  Y  .  .
    submit           Y   .   .   .   Y   .   .   Y  .  .  .
    request_changes  .   .   .   .   .   .   .   .  .  .  .
    approve          .   .   .   .   .   .   .   .  .  .  .
    publish          .   .   .   .   .   .   .   .  .  .  .
    schedule         .   .   .   .   .   .   .   .  .  .  .
    embargo          .   .   .   .   .   .   .   .  .  .  .
    unschedule       .   .   .   .   .   .   .   .  .  .  .
    unpublish        .   .   .   .   .   .   .   .  .  .  .
    republish        .   .   .   .   .   .   .   .  .  .  .
    correct          .   .   .   .   .   .   .   .  .  .  .
    kill             .   .   .   .   .   .   .   .  .  .  .
    spike            .   .   .   .   .   .   .   Y  Y  .  .
    restore          .   .   .   .   .   .   .   .  .  .  .
  `,
  submitted: `
    action           wOI wOO wXI wXO wDO wDX wRX eO eX ad xx
    view             Y   Y   Y   .   Y   Y   Y   Y  Y  .  .
    edit             .   .   .   .   .   .   .   Y  Y  .  .
    note             Y   Y   .   .   Y   .   .   Y  Y  .  .
    submit           .   .   .   .   .   .   .   .  .  .  .
    request_changes  .   .   .   .   .   .   .   Y  Y  .  .
    approve          .   .   .   .   .   .   .   Y  Y  .  .
    publish          .   .   .   .   .   .   .   .  .  .  .
    schedule         .   .   .   .   .   .   .   .  .  .  .
    embargo          .   .   .   .   .   .   .   .  .  .  .
    unschedule       .   .   .   .   .   .   .   .  .  .  .
    unpublish        .   .   .   .   .   .   .   .  .  .  .
    republish        .   .   .   .   .   .   .   .  .  .  .
    correct          .   .   .   .   .   .   .   .  .  .  .
    kill             .   .   .   .   .   .   .   Y  Y  .  .
    spike            .   .   .   .   .   .   .   Y  Y  .  .
    restore          .   .   .   .   .   .   .   .  .  .  .
  `,
  changes_requested: `
    action           wOI wOO wXI wXO wDO wDX wRX eO eX ad xx
    view             Y   Y   Y   .   Y   Y   Y   Y  Y  .  .
    edit             Y   .   .   .   Y   .   .   Y  Y  .  .
    note             Y   Y   .   .   Y   .   .   Y  Y  .  .
    submit           Y   .   .   .   Y   .   .   Y  .  .  .
    request_changes  .   .   .   .   .   .   .   .  .  .  .
    approve          .   .   .   .   .   .   .   Y  Y  .  .
    publish          .   .   .   .   .   .   .   .  .  .  .
    schedule         .   .   .   .   .   .   .   .  .  .  .
    embargo          .   .   .   .   .   .   .   .  .  .  .
    unschedule       .   .   .   .   .   .   .   .  .  .  .
    unpublish        .   .   .   .   .   .   .   .  .  .  .
    republish        .   .   .   .   .   .   .   .  .  .  .
    correct          .   .   .   .   .   .   .   .  .  .  .
    kill             .   .   .   .   .   .   .   Y  Y  .  .
    spike            .   .   .   .   .   .   .   Y  Y  .  .
    restore          .   .   .   .   .   .   .   .  .  .  .
  `,
  approved: `
    action           wOI wOO wXI wXO wDO wDX wRX eO eX ad xx
    view             Y   Y   Y   .   Y   Y   Y   Y  Y  .  .
    edit             .   .   .   .   .   .   .   Y  Y  .  .
    note             Y   Y   .   .   Y   .   .   Y  Y  .  .
    submit           .   .   .   .   .   .   .   .  .  .  .
    request_changes  .   .   .   .   .   .   .   Y  Y  .  .
    approve          .   .   .   .   .   .   .   .  .  .  .
    publish          .   .   .   .   .   .   .   Y  Y  .  .
    schedule         .   .   .   .   .   .   .   Y  Y  .  .
    embargo          .   .   .   .   .   .   .   Y  Y  .  .
    unschedule       .   .   .   .   .   .   .   .  .  .  .
    unpublish        .   .   .   .   .   .   .   .  .  .  .
    republish        .   .   .   .   .   .   .   .  .  .  .
    correct          .   .   .   .   .   .   .   .  .  .  .
    kill             .   .   .   .   .   .   .   Y  Y  .  .
    spike            .   .   .   .   .   .   .   Y  Y  .  .
    restore          .   .   .   .   .   .   .   .  .  .  .
  `,
  scheduled: `
    action           wOI wOO wXI wXO wDO wDX wRX eO eX ad xx
    view             Y   Y   Y   .   Y   Y   Y   Y  Y  .  .
    edit             .   .   .   .   .   .   .   Y  Y  .  .
    note             Y   Y   .   .   Y   .   .   Y  Y  .  .
    submit           .   .   .   .   .   .   .   .  .  .  .
    request_changes  .   .   .   .   .   .   .   .  .  .  .
    approve          .   .   .   .   .   .   .   .  .  .  .
    publish          .   .   .   .   .   .   .   Y  Y  .  .
    schedule         .   .   .   .   .   .   .   Y  Y  .  .
    embargo          .   .   .   .   .   .   .   Y  Y  .  .
    unschedule       .   .   .   .   .   .   .   Y  Y  .  .
    unpublish        .   .   .   .   .   .   .   .  .  .  .
    republish        .   .   .   .   .   .   .   .  .  .  .
    correct          .   .   .   .   .   .   .   .  .  .  .
    kill             .   .   .   .   .   .   .   Y  Y  .  .
    spike            .   .   .   .   .   .   .   Y  Y  .  .
    restore          .   .   .   .   .   .   .   .  .  .  .
  `,
  published: `
    action           wOI wOO wXI wXO wDO wDX wRX eO eX ad xx
    view             Y   Y   Y   .   Y   Y   Y   Y  Y  .  .
    edit             .   .   .   .   .   .   .   Y  Y  .  .
    note             Y   Y   .   .   Y   .   .   Y  Y  .  .
    submit           .   .   .   .   .   .   .   .  .  .  .
    request_changes  .   .   .   .   .   .   .   .  .  .  .
    approve          .   .   .   .   .   .   .   .  .  .  .
    publish          .   .   .   .   .   .   .   .  .  .  .
    schedule         .   .   .   .   .   .   .   .  .  .  .
    embargo          .   .   .   .   .   .   .   .  .  .  .
    unschedule       .   .   .   .   .   .   .   .  .  .  .
    unpublish        .   .   .   .   .   .   .   Y  Y  .  .
    republish        .   .   .   .   .   .   .   .  .  .  .
    correct          .   .   .   .   .   .   .   Y  Y  .  .
    kill             .   .   .   .   .   .   .   Y  Y  .  .
    spike            .   .   .   .   .   .   .   Y  Y  .  .
    restore          .   .   .   .   .   .   .   .  .  .  .
  `,
  unpublished: `
    action           wOI wOO wXI wXO wDO wDX wRX eO eX ad xx
    view             Y   Y   Y   .   Y   Y   Y   Y  Y  .  .
    edit             .   .   .   .   .   .   .   Y  Y  .  .
    note             Y   Y   .   .   Y   .   .   Y  Y  .  .
    submit           .   .   .   .   .   .   .   .  .  .  .
    request_changes  .   .   .   .   .   .   .   .  .  .  .
    approve          .   .   .   .   .   .   .   .  .  .  .
    publish          .   .   .   .   .   .   .   .  .  .  .
    schedule         .   .   .   .   .   .   .   .  .  .  .
    embargo          .   .   .   .   .   .   .   .  .  .  .
    unschedule       .   .   .   .   .   .   .   .  .  .  .
    unpublish        .   .   .   .   .   .   .   .  .  .  .
    republish        .   .   .   .   .   .   .   Y  Y  .  .
    correct          .   .   .   .   .   .   .   .  .  .  .
    kill             .   .   .   .   .   .   .   Y  Y  .  .
    spike            .   .   .   .   .   .   .   Y  Y  .  .
    restore          .   .   .   .   .   .   .   .  .  .  .
  `,
  killed: `
    action           wOI wOO wXI wXO wDO wDX wRX eO eX ad xx
    view             Y   Y   Y   .   Y   Y   Y   Y  Y  .  .
    edit             .   .   .   .   .   .   .   .  .  .  .
    note             Y   Y   .   .   Y   .   .   Y  Y  .  .
    submit           .   .   .   .   .   .   .   .  .  .  .
    request_changes  .   .   .   .   .   .   .   .  .  .  .
    approve          .   .   .   .   .   .   .   .  .  .  .
    publish          .   .   .   .   .   .   .   .  .  .  .
    schedule         .   .   .   .   .   .   .   .  .  .  .
    embargo          .   .   .   .   .   .   .   .  .  .  .
    unschedule       .   .   .   .   .   .   .   .  .  .  .
    unpublish        .   .   .   .   .   .   .   .  .  .  .
    republish        .   .   .   .   .   .   .   .  .  .  .
    correct          .   .   .   .   .   .   .   .  .  .  .
    kill             .   .   .   .   .   .   .   .  .  .  .
    spike            .   .   .   .   .   .   .   .  .  .  .
    restore          .   .   .   .   .   .   .   .  .  .  .
  `,
  spiked: `
    action           wOI wOO wXI wXO wDO wDX wRX eO eX ad xx
    view             Y   Y   .   .   Y   .   .   Y  Y  .  .
    edit             .   .   .   .   .   .   .   .  .  .  .
    note             Y   Y   .   .   Y   .   .   Y  Y  .  .
    submit           .   .   .   .   .   .   .   .  .  .  .
    request_changes  .   .   .   .   .   .   .   .  .  .  .
    approve          .   .   .   .   .   .   .   .  .  .  .
    publish          .   .   .   .   .   .   .   .  .  .  .
    schedule         .   .   .   .   .   .   .   .  .  .  .
    embargo          .   .   .   .   .   .   .   .  .  .  .
    unschedule       .   .   .   .   .   .   .   .  .  .  .
    unpublish        .   .   .   .   .   .   .   .  .  .  .
    republish        .   .   .   .   .   .   .   .  .  .  .
    correct          .   .   .   .   .   .   .   .  .  .  .
    kill             .   .   .   .   .   .   .   .  .  .  .
    spike            .   .   .   .   .   .   .   .  .  .  .
    restore          .   .   .   .   .   .   .   Y  Y  .  .
  `,
};

/** `create` does not depend on a state: may the column file an item in District 3 / department 50? */
const EXPECTED_CREATE = `
who       wOI wOO wXI wXO wDO wDX wRX eO eX ad xx
create    Y   .   Y   .   Y   Y   Y   Y  Y  .  .
`;

const POLICY_ACTIONS: NewsAction[] = ['view', 'edit', 'note', ...NEWS_TRANSITION_ACTIONS];

function userFor(roles: Role[], scope: Scope): PolicyUser {
  return { id: ME, memberships: roles.map((role) => ({ role, ...scope })) };
}

function itemFor(state: NewsState, own: boolean): PolicyItem {
  return {
    state,
    authorId: own ? ME : SOMEONE_ELSE,
    unitPath: [DISTRICT_3, REGION],
    departmentId: DEPARTMENT,
    spikedFromState: state === 'spiked' ? 'approved' : null,
  };
}

describe('newsroom policy: can(user, action, item) for every state × action × role', () => {
  it('the grids name every column, state and action', () => {
    for (const state of NEWS_STATES) {
      const g = parseGrid(EXPECTED_POLICY[state]);
      expect(g.header).toEqual(COLUMNS.map((c) => c.key));
      expect([...g.rows.keys()].sort()).toEqual([...POLICY_ACTIONS].sort());
      for (const cells of g.rows.values()) expect(cells).toHaveLength(COLUMNS.length);
    }
  });

  it('the columns cover every role', () => {
    const covered = new Set(COLUMNS.flatMap((c) => c.roles.flat()));
    for (const r of ROLES) expect(covered.has(r)).toBe(true);
  });

  for (const state of NEWS_STATES) {
    it(`state ${state}`, () => {
      const g = parseGrid(EXPECTED_POLICY[state]);
      const mismatches: string[] = [];
      let checked = 0;
      for (const action of POLICY_ACTIONS) {
        const cells = g.rows.get(action)!;
        COLUMNS.forEach((col, i) => {
          const expected = cells[i] === 'Y';
          for (const roles of col.roles) {
            const got = can(userFor(roles, col.scope), action, itemFor(state, col.own));
            checked += 1;
            if (got !== expected) mismatches.push(`${state} ${action} ${col.key} [${roles.join('+') || 'no role'}]: expected ${expected}, got ${got}`);
          }
        });
      }
      expect(mismatches).toEqual([]);
      expect(checked).toBe(POLICY_ACTIONS.length * COLUMNS.reduce((n, c) => n + c.roles.length, 0));
    });
  }

  it('create, in every state (state does not matter)', () => {
    const g = parseGrid(EXPECTED_CREATE);
    const cells = g.rows.get('create')!;
    const mismatches: string[] = [];
    for (const state of NEWS_STATES) {
      COLUMNS.forEach((col, i) => {
        for (const roles of col.roles) {
          const got = can(userFor(roles, col.scope), 'create', itemFor(state, col.own));
          if (got !== (cells[i] === 'Y')) mismatches.push(`${state} create ${col.key} [${roles.join('+')}]`);
        }
      });
    }
    expect(mismatches).toEqual([]);
  });

  it('a writer of District 3 cannot file for District 1; a region-level item needs a region (or department) scope', () => {
    const reporter3 = userFor(['reporter'], district3);
    expect(can(reporter3, 'create', { ...itemFor('draft', true), unitPath: [DISTRICT_1, REGION], departmentId: null })).toBe(false);
    expect(can(reporter3, 'create', { ...itemFor('draft', true), unitPath: [REGION], departmentId: null })).toBe(false);
    expect(can(userFor(['reporter'], region), 'create', { ...itemFor('draft', true), unitPath: [REGION], departmentId: null })).toBe(true);
    expect(can(userFor(['liaison'], department), 'create', { ...itemFor('draft', true), unitPath: [REGION], departmentId: DEPARTMENT })).toBe(true);
    expect(can(userFor(['liaison'], department), 'create', { ...itemFor('draft', true), unitPath: [REGION], departmentId: 51 })).toBe(false);
  });

  it('only writer memberships give writer scope (an official of District 3 is not a writer there)', () => {
    const mixed: PolicyUser = {
      id: ME,
      memberships: [
        { role: 'official', orgUnitId: DISTRICT_3, departmentId: null },
        { role: 'reporter', orgUnitId: DISTRICT_1, departmentId: null },
      ],
    };
    expect(can(mixed, 'create', itemFor('draft', true))).toBe(false);
    expect(can(mixed, 'view', itemFor('submitted', false))).toBe(false);
  });

  it('allowedTransitions lists the buttons: an editor on an approved item, a writer on their draft', () => {
    const editor = userFor(['pr_editor'], region);
    expect(allowedTransitions(editor, itemFor('approved', false))).toEqual<NewsTransitionAction[]>([
      'request_changes',
      'publish',
      'schedule',
      'embargo',
      'kill',
      'spike',
    ]);
    expect(allowedTransitions(userFor(['reporter'], district3), itemFor('draft', true))).toEqual(['submit']);
    expect(allowedTransitions(userFor(['admin'], region), itemFor('approved', false))).toEqual([]);
  });

  it('restore is allowed only when the item remembers a restorable state', () => {
    const editor = userFor(['pr_manager'], region);
    expect(can(editor, 'restore', { ...itemFor('spiked', false), spikedFromState: null })).toBe(false);
    expect(can(editor, 'restore', { ...itemFor('spiked', false), spikedFromState: 'published' })).toBe(true);
  });
});
