import type { LineRow, PolicyRow } from './plan-repo';
import type { PlanLineView, PolicyView } from './plan-schemas';
import { lineSteps } from './plan-schemas';
import type { PolicyRules } from './renewal-policy';

/** The step a line may take next (planned → ordered → delivered → deployed), null once deployed. */
export function nextStepOf(status: string): PlanLineView['nextStep'] {
  const i = ['planned', ...lineSteps].indexOf(status);
  return i >= 0 && i < lineSteps.length ? lineSteps[i]! : null;
}

/** A policy version (or the defaults) as the API shows it, with the full rules in force. */
export function presentPolicy(
  v: Pick<PolicyRow, 'effectiveFrom' | 'note' | 'createdByLabel' | 'createdAt'> | null,
  rules: PolicyRules,
): PolicyView['current'] {
  return {
    effectiveFrom: v?.effectiveFrom ?? null,
    rules,
    note: v?.note ?? null,
    createdBy: v?.createdByLabel ?? null,
    createdAt: v?.createdAt ?? null,
  };
}

type LineWithReplacement = LineRow & {
  replacementKind: string | null;
  rName: string | null;
  rInventory: string | null;
  rSerial: string | null;
};

/** A tracked line of an approved plan. */
export function presentLine(l: LineWithReplacement): PlanLineView {
  return {
    id: l.id,
    rank: Number(l.rank),
    device: { id: l.deviceId, kind: l.kind, label: l.label },
    replacementCost: Number(l.replacementCost),
    status: l.status as PlanLineView['status'],
    orderedOn: l.orderedOn,
    orderedBy: l.orderedBy,
    deliveredOn: l.deliveredOn,
    deliveredBy: l.deliveredBy,
    deployedOn: l.deployedOn,
    deployedBy: l.deployedBy,
    replacement:
      l.replacementDeviceId && l.replacementKind
        ? {
            id: l.replacementDeviceId,
            kind: l.replacementKind,
            label: l.rName ?? l.rInventory ?? l.rSerial ?? l.replacementKind,
          }
        : null,
    nextStep: nextStepOf(l.status),
  };
}
