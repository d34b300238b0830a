// Staff admin pages for the organisation: validate → service → view | redirect.
// A rejected form is re-rendered (422, or 409 for a stale edit) with what was typed.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, notFound, type AppError } from '../../core/errors.js';
import { setFlash } from '../../core/http/flash.js';
import { sendHtml } from '../../core/http/page-context.js';
import { formatNumber } from '../../core/persian/index.js';
import { staffChrome } from '../auth/index.js';
import type { DepartmentCreateInput, DepartmentUpdateInput, UnitCreateInput, UnitUpdateInput } from './org.inputs.js';
import { isoToJalaliInput, isoToJalaliDisplay } from './org.dates.js';
import {
  DEPARTMENT_KINDS,
  DEPARTMENT_KIND_LABELS,
  ORG_UNIT_KINDS,
  UNIT_KIND_LABELS,
  type Department,
  type OrgActor,
  type OrgService,
  type OrgUnit,
} from './org.service.js';
import { renderOrgOverviewPage } from './views/org-overview.page.js';
import { renderUnitFormPage, type UnitFormProps } from './views/unit-form.page.js';
import { renderDepartmentFormPage, type DepartmentFormProps } from './views/department-form.page.js';
import type { FormValues, SelectChoice, UnitRowView } from './views/org-view-models.js';

export interface OrgRoutesOptions {
  org: OrgService;
  /** Passed by the composition root for symmetry with other features; not needed here. */
  auth?: unknown;
}

const BASE = '/staff/admin/org';

function actorOf(request: FastifyRequest): OrgActor {
  const user = request.currentUser;
  return { userId: user?.id ?? null, label: user?.username ?? null, ip: request.ip };
}

/** Ids in URLs: ASCII digits within the integer column's range, else a 404. */
function idParam(raw: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw notFound();
  const id = Number(raw);
  if (id > 2_147_483_647) throw notFound();
  return id;
}

/** What was posted, as strings, to put back into the form. */
function typedValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k === '_csrf') continue;
      if (typeof v === 'string') out[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    }
  }
  return out;
}

function formErrorsOf(err: AppError): { errors: Record<string, string>; formError?: string } {
  const { _form, ...errors } = err.fieldErrors;
  return { errors, formError: _form ?? (Object.keys(errors).length === 0 ? err.userMessage : undefined) };
}

function area(n: number | null): string | null {
  return n === null ? null : `${formatNumber(n)} هکتار`;
}

function unitRow(u: OrgUnit): UnitRowView {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    kindLabel: UNIT_KIND_LABELS[u.kind],
    area: area(u.areaHa),
    openedOn: isoToJalaliDisplay(u.openedOn),
    closedOn: isoToJalaliDisplay(u.closedOn),
    hasGeometry: u.geometry !== null,
    isSample: u.isSample,
  };
}

function unitValues(u: OrgUnit): FormValues {
  return {
    parentId: u.parentId === null ? '' : String(u.parentId),
    code: u.code,
    name: u.name,
    areaHa: u.areaHa === null ? '' : formatNumber(u.areaHa, { useGrouping: false }),
    geometry: u.geometry ? JSON.stringify(u.geometry) : '',
    openedOn: isoToJalaliInput(u.openedOn),
    closedOn: isoToJalaliInput(u.closedOn),
    isSample: u.isSample ? 'on' : '',
    version: String(u.version),
  };
}

function departmentValues(d: Department): FormValues {
  return {
    orgUnitId: String(d.orgUnitId),
    kind: d.kind,
    key: d.key,
    name: d.name,
    isActive: d.isActive ? 'on' : '',
    version: String(d.version),
  };
}

const departmentKindChoices: SelectChoice[] = DEPARTMENT_KINDS.map((k) => ({ value: k, label: DEPARTMENT_KIND_LABELS[k] }));

export const orgRoutes: FastifyPluginAsync<OrgRoutesOptions> = async (app, opts) => {
  const { org } = opts;

  async function districtChoices(): Promise<SelectChoice[]> {
    return (await org.listDistricts()).map((d) => ({ value: String(d.id), label: d.name }));
  }

  async function unitChoices(): Promise<SelectChoice[]> {
    const tree = await org.listTree();
    return [
      ...(tree.region ? [{ value: String(tree.region.id), label: `${tree.region.name} (کل منطقه)` }] : []),
      ...tree.districts.map((d) => ({ value: String(d.unit.id), label: d.unit.name })),
    ];
  }

  async function kindChoices(): Promise<SelectChoice[]> {
    const hasRegion = (await org.getRegion()) !== null;
    return ORG_UNIT_KINDS.filter((k) => k !== 'region' || !hasRegion).map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }));
  }

  // ---------------------------------------------------------------- overview

  app.get(BASE, async (request, reply) => {
    const [tree, groups] = await Promise.all([org.listTree(), org.listDepartmentsByUnit()]);
    const all = [...(tree.region ? [tree.region] : []), ...tree.districts.flatMap((d) => [d.unit, ...d.neighbourhoods])];
    const html = renderOrgOverviewPage({
      chrome: staffChrome(request, reply),
      region: tree.region ? unitRow(tree.region) : null,
      districts: tree.districts.map((d) => ({ unit: unitRow(d.unit), neighbourhoods: d.neighbourhoods.map(unitRow) })),
      departmentGroups: groups.map((g) => ({
        unitName: g.unit.name,
        unitCode: g.unit.code,
        departments: g.departments.map((d) => ({
          id: d.id,
          key: d.key,
          name: d.name,
          kindLabel: DEPARTMENT_KIND_LABELS[d.kind],
          isActive: d.isActive,
        })),
      })),
      anySample: all.some((u) => u.isSample),
    });
    return sendHtml(reply, html);
  });

  // ---------------------------------------------------------------- units

  async function unitCreateForm(
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    status: number,
    failure?: AppError,
  ) {
    const props: UnitFormProps = {
      chrome: staffChrome(request, reply),
      mode: 'create',
      action: `${BASE}/units`,
      values,
      ...(failure ? formErrorsOf(failure) : { errors: {} }),
      kindChoices: await kindChoices(),
      parentChoices: await districtChoices(),
    };
    return sendHtml(reply, renderUnitFormPage(props), status);
  }

  app.get(`${BASE}/units/new`, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const kind = typeof q.kind === 'string' && (ORG_UNIT_KINDS as readonly string[]).includes(q.kind) ? q.kind : '';
    const parentId = typeof q.parentId === 'string' && /^[0-9]{1,10}$/.test(q.parentId) ? q.parentId : '';
    return unitCreateForm(request, reply, { kind, parentId }, 200);
  });

  app.post(`${BASE}/units`, async (request, reply) => {
    try {
      const unit = await org.createUnit(request.body as UnitCreateInput, actorOf(request));
      setFlash(reply, 'success', `${UNIT_KIND_LABELS[unit.kind]} «${unit.name}» افزوده شد.`);
      return reply.redirect(BASE, 303);
    } catch (err) {
      if (isAppError(err) && err.status === 422) return unitCreateForm(request, reply, typedValues(request.body), 422, err);
      throw err;
    }
  });

  async function unitEditForm(
    request: FastifyRequest,
    reply: FastifyReply,
    unit: OrgUnit,
    values: FormValues,
    status: number,
    failure?: AppError,
  ) {
    const parent = unit.parentId === null ? null : await org.findUnit(unit.parentId);
    const props: UnitFormProps = {
      chrome: staffChrome(request, reply),
      mode: 'edit',
      action: `${BASE}/units/${unit.id}`,
      values,
      ...(failure ? formErrorsOf(failure) : { errors: {} }),
      kindChoices: [],
      parentChoices: unit.kind === 'neighbourhood' ? await districtChoices() : [],
      fixed: { kindLabel: UNIT_KIND_LABELS[unit.kind], name: unit.name, kind: unit.kind, parentName: parent?.name ?? null },
      currentHref: failure?.status === 409 ? `${BASE}/units/${unit.id}` : undefined,
    };
    return sendHtml(reply, renderUnitFormPage(props), status);
  }

  app.get<{ Params: { id: string } }>(`${BASE}/units/:id`, async (request, reply) => {
    const unit = await org.getUnit(idParam(request.params.id));
    return unitEditForm(request, reply, unit, unitValues(unit), 200);
  });

  app.post<{ Params: { id: string } }>(`${BASE}/units/:id`, async (request, reply) => {
    const id = idParam(request.params.id);
    try {
      const unit = await org.updateUnit(id, request.body as UnitUpdateInput, actorOf(request));
      setFlash(reply, 'success', `تغییرات ${UNIT_KIND_LABELS[unit.kind]} «${unit.name}» ذخیره شد.`);
      return reply.redirect(BASE, 303);
    } catch (err) {
      if (isAppError(err) && (err.status === 422 || err.status === 409)) {
        const unit = await org.getUnit(id);
        return unitEditForm(request, reply, unit, typedValues(request.body), err.status, err);
      }
      throw err;
    }
  });

  // ---------------------------------------------------------------- departments

  async function departmentForm(
    request: FastifyRequest,
    reply: FastifyReply,
    dept: Department | null,
    values: FormValues,
    status: number,
    failure?: AppError,
  ) {
    const props: DepartmentFormProps = {
      chrome: staffChrome(request, reply),
      mode: dept ? 'edit' : 'create',
      action: dept ? `${BASE}/departments/${dept.id}` : `${BASE}/departments`,
      values,
      ...(failure ? formErrorsOf(failure) : { errors: {} }),
      unitChoices: await unitChoices(),
      kindChoices: departmentKindChoices,
      fixedKey: dept?.key,
      editName: dept?.name,
      currentHref: dept && failure?.status === 409 ? `${BASE}/departments/${dept.id}` : undefined,
    };
    return sendHtml(reply, renderDepartmentFormPage(props), status);
  }

  app.get(`${BASE}/departments/new`, async (request, reply) => departmentForm(request, reply, null, {}, 200));

  app.post(`${BASE}/departments`, async (request, reply) => {
    try {
      const dept = await org.createDepartment(request.body as DepartmentCreateInput, actorOf(request));
      setFlash(reply, 'success', `«${dept.name}» افزوده شد.`);
      return reply.redirect(BASE, 303);
    } catch (err) {
      if (isAppError(err) && err.status === 422) return departmentForm(request, reply, null, typedValues(request.body), 422, err);
      throw err;
    }
  });

  app.get<{ Params: { id: string } }>(`${BASE}/departments/:id`, async (request, reply) => {
    const dept = await org.getDepartment(idParam(request.params.id));
    return departmentForm(request, reply, dept, departmentValues(dept), 200);
  });

  app.post<{ Params: { id: string } }>(`${BASE}/departments/:id`, async (request, reply) => {
    const id = idParam(request.params.id);
    try {
      const dept = await org.updateDepartment(id, request.body as DepartmentUpdateInput, actorOf(request));
      setFlash(reply, 'success', `تغییرات «${dept.name}» ذخیره شد.`);
      return reply.redirect(BASE, 303);
    } catch (err) {
      if (isAppError(err) && (err.status === 422 || err.status === 409)) {
        const dept = await org.getDepartment(id);
        return departmentForm(request, reply, dept, typedValues(request.body), err.status, err);
      }
      throw err;
    }
  });
};
