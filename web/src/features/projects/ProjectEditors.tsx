import { useId, useState } from 'react';
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors, notifySuccess } from '../../ui/feedback';
import { useOwnerCandidates, usePatchProject, usePhaseList, type ProjectDetail, type ProjectPatch } from './api';

const kinds = ['commune', 'collective', 'metropolitan'] as const;
const statuses = ['proposed', 'planned', 'in_progress', 'on_hold', 'delivered', 'dropped'] as const;
const phaseStatuses = ['todo', 'in_progress', 'done', 'skipped'] as const;
const riskLevels = ['low', 'medium', 'high'] as const;

type Phase = ProjectDetail['phases'][number];
type Milestone = ProjectDetail['milestones'][number];
type Risk = ProjectDetail['risks'][number];

/** The error of the patch that no field shows (a refusal, a conflict), announced once. */
function GenericError({ error, fields }: { error: unknown; fields: Record<string, string> }) {
  const { t } = useTranslation(['projects', 'common']);
  if (!error || Object.keys(fields).length) return null;
  return (
    <Text c="red" size="sm" role="alert">
      {errorMessage(t, error)}
    </Text>
  );
}

/** The project's facts: title, kind, status, schedule, go-live, owners on both sides. */
export function EditProject({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation('projects');
  const patch = usePatchProject(project.id);
  const owners = useOwnerCandidates(project.id, project.abilities.canEdit);
  const [f, setF] = useState({
    title: project.title,
    kind: project.kind,
    status: project.status,
    priority: String(project.priority),
    plannedYear: (project.plannedYear ?? '') as number | string,
    plannedStart: project.plannedStart ?? '',
    plannedGoLive: project.plannedGoLive ?? '',
    goLiveOn: project.goLiveOn ?? '',
    communeOwnerId: project.communeOwner?.id ?? null,
    providerOwnerId: project.providerOwner?.id ?? null,
  });
  const set = (k: keyof typeof f) => (v: unknown) => setF((x) => ({ ...x, [k]: v }));
  const errors = fieldErrors(patch.error);
  const people = (list: Array<{ id: string; name: string }> | undefined) =>
    (list ?? []).map((u) => ({ value: u.id, label: u.name }));
  const id = useId();
  return (
    <Paper withBorder p="md">
      <form
        aria-labelledby={id}
        onSubmit={(e) => {
          e.preventDefault();
          patch.mutate(
            {
              title: f.title,
              kind: f.kind,
              status: f.status,
              priority: Number(f.priority),
              plannedYear: f.plannedYear === '' ? null : Number(f.plannedYear),
              plannedStart: f.plannedStart || null,
              plannedGoLive: f.plannedGoLive || null,
              goLiveOn: f.goLiveOn || null,
              communeOwnerId: f.communeOwnerId,
              providerOwnerId: f.providerOwnerId,
            },
            { onSuccess: () => notifySuccess(t('project.saved')) },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4" id={id}>
            {t('project.edit')}
          </Title>
          <TextInput
            label={t('edit.title')}
            value={f.title}
            onChange={(e) => set('title')(e.currentTarget.value)}
            error={errors.title}
            required
          />
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <Select
              label={t('list.kind')}
              data={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              value={f.kind}
              onChange={(v) => set('kind')(v ?? f.kind)}
              allowDeselect={false}
              error={errors.kind}
            />
            <Select
              label={t('list.status')}
              data={statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              value={f.status}
              onChange={(v) => set('status')(v ?? f.status)}
              allowDeselect={false}
              error={errors.status}
            />
            <Select
              label={t('list.priority')}
              data={['1', '2', '3'].map((p) => ({ value: p, label: t(`priority.${p}`) }))}
              value={f.priority}
              onChange={(v) => set('priority')(v ?? f.priority)}
              allowDeselect={false}
              error={errors.priority}
            />
            <NumberInput
              label={t('project.plannedYear')}
              value={f.plannedYear}
              onChange={set('plannedYear')}
              error={errors.plannedYear}
            />
            <TextInput
              type="date"
              label={t('edit.plannedStart')}
              value={f.plannedStart}
              onChange={(e) => set('plannedStart')(e.currentTarget.value)}
              error={errors.plannedStart}
            />
            <TextInput
              type="date"
              label={t('project.plannedGoLive')}
              value={f.plannedGoLive}
              onChange={(e) => set('plannedGoLive')(e.currentTarget.value)}
              error={errors.plannedGoLive}
            />
            <TextInput
              type="date"
              label={t('project.goLiveOn')}
              value={f.goLiveOn}
              onChange={(e) => set('goLiveOn')(e.currentTarget.value)}
              error={errors.goLiveOn}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('project.communeOwner')}
              data={people(owners.data?.commune)}
              value={f.communeOwnerId}
              onChange={set('communeOwnerId')}
              placeholder={t('edit.nobody')}
              searchable
              clearable
              allowDeselect={false}
              error={errors.communeOwnerId}
            />
            <Select
              label={t('project.providerOwner')}
              data={people(owners.data?.provider)}
              value={f.providerOwnerId}
              onChange={set('providerOwnerId')}
              placeholder={t('edit.nobody')}
              searchable
              clearable
              allowDeselect={false}
              error={errors.providerOwnerId}
            />
          </SimpleGrid>
          <GenericError error={patch.error} fields={errors} />
          <Group>
            <Button type="submit" loading={patch.isPending}>
              {t('project.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** A stable key for a phase named by hand: its label without accents, lower-case, unique in the list. */
function keyOf(label: string, taken: Set<string>): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 50) || 'phase';
  let k = base;
  for (let i = 2; taken.has(k); i++) k = `${base}_${i}`;
  return k;
}

/** One list editor's frame: title, the rows, add, save, the patch's errors. */
function ListForm({
  title,
  onSave,
  pending,
  error,
  errors,
  children,
}: {
  title: string;
  onSave: () => void;
  pending: boolean;
  error: unknown;
  errors: Record<string, string>;
  children: React.ReactNode;
}) {
  const { t } = useTranslation('projects');
  const id = useId();
  return (
    <Paper withBorder p="md">
      <form
        aria-labelledby={id}
        onSubmit={(e) => {
          e.preventDefault();
          onSave();
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4" id={id}>
            {title}
          </Title>
          {children}
          <GenericError error={error} fields={errors} />
          <Group>
            <Button type="submit" loading={pending}>
              {t('project.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="default" size="lg" aria-label={label} onClick={onClick}>
      <span aria-hidden="true">✕</span>
    </ActionIcon>
  );
}

/** The project's phases: from the configured list (the annex's by default) or named by hand. */
export function EditPhases({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation('projects');
  const patch = usePatchProject(project.id);
  const list = usePhaseList();
  const [rows, setRows] = useState<Phase[]>(project.phases);
  const [pick, setPick] = useState<string | null>(null);
  const [custom, setCustom] = useState('');
  const errors = fieldErrors(patch.error);
  const taken = new Set(rows.map((r) => r.key));
  const missing = (list.data?.phases ?? []).filter((p) => !taken.has(p.key));
  const update = (i: number, change: Partial<Phase>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <ListForm
      title={t('edit.phases')}
      pending={patch.isPending}
      error={patch.error}
      errors={errors}
      onSave={() =>
        patch.mutate(
          { phases: rows.map((r) => ({ ...r, start: r.start || null, end: r.end || null })) },
          { onSuccess: () => notifySuccess(t('project.saved')) },
        )
      }
    >
      {rows.length === 0 && <Text size="sm">{t('edit.noPhases')}</Text>}
      {rows.map((r, i) => (
        <Group key={r.key} align="flex-end" wrap="wrap" gap="xs">
          <TextInput
            label={t('edit.phaseLabel', { n: i + 1 })}
            value={r.label}
            onChange={(e) => update(i, { label: e.currentTarget.value })}
            error={errors[`phases.${i}.label`] ?? errors[`phases.${i}.key`]}
            style={{ flex: 2, minWidth: 200 }}
          />
          <Select
            label={t('edit.phaseStatus', { n: i + 1 })}
            data={phaseStatuses.map((s) => ({ value: s, label: t(`project.phaseStatus.${s}`) }))}
            value={r.status}
            onChange={(v) => update(i, { status: (v as Phase['status']) ?? r.status })}
            allowDeselect={false}
            error={errors[`phases.${i}.status`]}
            style={{ flex: 1, minWidth: 140 }}
          />
          <TextInput
            type="date"
            label={t('edit.phaseStart', { n: i + 1 })}
            value={r.start ?? ''}
            onChange={(e) => update(i, { start: e.currentTarget.value || null })}
            error={errors[`phases.${i}.start`]}
          />
          <TextInput
            type="date"
            label={t('edit.phaseEnd', { n: i + 1 })}
            value={r.end ?? ''}
            onChange={(e) => update(i, { end: e.currentTarget.value || null })}
            error={errors[`phases.${i}.end`]}
          />
          <RemoveButton
            label={t('edit.removePhase', { label: r.label || i + 1 })}
            onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
          />
        </Group>
      ))}
      {errors.phases && (
        <Text c="red" size="sm" role="alert">
          {errors.phases}
        </Text>
      )}
      <Group align="flex-end" gap="xs">
        <Select
          label={t('edit.addFromList')}
          data={missing.map((p) => ({ value: p.key, label: p.label }))}
          value={pick}
          onChange={setPick}
          placeholder={missing.length ? t('edit.pick') : t('edit.allListed')}
          disabled={!missing.length}
        />
        <Button
          variant="default"
          disabled={!pick}
          onClick={() => {
            const p = missing.find((x) => x.key === pick);
            if (p) setRows((rs) => [...rs, { key: p.key, label: p.label, status: 'todo', start: null, end: null }]);
            setPick(null);
          }}
        >
          {t('edit.add')}
        </Button>
        <TextInput label={t('edit.addCustom')} value={custom} onChange={(e) => setCustom(e.currentTarget.value)} />
        <Button
          variant="default"
          disabled={!custom.trim()}
          onClick={() => {
            setRows((rs) => [
              ...rs,
              { key: keyOf(custom, taken), label: custom.trim(), status: 'todo', start: null, end: null },
            ]);
            setCustom('');
          }}
        >
          {t('edit.addCustomButton')}
        </Button>
      </Group>
    </ListForm>
  );
}

/** The project's milestones: label, date, reached. */
export function EditMilestones({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation('projects');
  const patch = usePatchProject(project.id);
  const [rows, setRows] = useState<Milestone[]>(project.milestones);
  const errors = fieldErrors(patch.error);
  const update = (i: number, change: Partial<Milestone>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <ListForm
      title={t('edit.milestones')}
      pending={patch.isPending}
      error={patch.error}
      errors={errors}
      onSave={() =>
        patch.mutate({ milestones: rows } satisfies ProjectPatch, {
          onSuccess: () => notifySuccess(t('project.saved')),
        })
      }
    >
      {rows.length === 0 && <Text size="sm">{t('edit.noMilestones')}</Text>}
      {rows.map((r, i) => (
        <Group key={i} align="flex-end" gap="xs">
          <TextInput
            label={t('edit.milestoneLabel', { n: i + 1 })}
            value={r.label}
            onChange={(e) => update(i, { label: e.currentTarget.value })}
            error={errors[`milestones.${i}.label`]}
            style={{ flex: 2, minWidth: 200 }}
          />
          <TextInput
            type="date"
            label={t('edit.milestoneDate', { n: i + 1 })}
            value={r.date}
            onChange={(e) => update(i, { date: e.currentTarget.value })}
            error={errors[`milestones.${i}.date`]}
          />
          <Checkbox
            label={t('edit.milestoneReached', { n: i + 1 })}
            checked={r.reached}
            onChange={(e) => update(i, { reached: e.currentTarget.checked })}
            mb={8}
          />
          <RemoveButton
            label={t('edit.removeMilestone', { label: r.label || i + 1 })}
            onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
          />
        </Group>
      ))}
      <Group>
        <Button variant="default" onClick={() => setRows((rs) => [...rs, { label: '', date: '', reached: false }])}>
          {t('edit.addMilestone')}
        </Button>
      </Group>
    </ListForm>
  );
}

/** The project's risks: what, and how serious. */
export function EditRisks({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation('projects');
  const patch = usePatchProject(project.id);
  const [rows, setRows] = useState<Risk[]>(project.risks);
  const errors = fieldErrors(patch.error);
  const update = (i: number, change: Partial<Risk>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <ListForm
      title={t('edit.risks')}
      pending={patch.isPending}
      error={patch.error}
      errors={errors}
      onSave={() => patch.mutate({ risks: rows }, { onSuccess: () => notifySuccess(t('project.saved')) })}
    >
      {rows.length === 0 && <Text size="sm">{t('project.noRisks')}</Text>}
      {rows.map((r, i) => (
        <Group key={i} align="flex-end" gap="xs">
          <TextInput
            label={t('edit.riskText', { n: i + 1 })}
            value={r.text}
            onChange={(e) => update(i, { text: e.currentTarget.value })}
            error={errors[`risks.${i}.text`]}
            style={{ flex: 2, minWidth: 240 }}
          />
          <Select
            label={t('edit.riskLevel', { n: i + 1 })}
            data={riskLevels.map((l) => ({ value: l, label: t(`edit.level.${l}`) }))}
            value={r.level}
            onChange={(v) => update(i, { level: (v as Risk['level']) ?? r.level })}
            allowDeselect={false}
            error={errors[`risks.${i}.level`]}
          />
          <RemoveButton
            label={t('edit.removeRisk', { label: r.text || i + 1 })}
            onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
          />
        </Group>
      ))}
      <Group>
        <Button variant="default" onClick={() => setRows((rs) => [...rs, { text: '', level: 'medium' }])}>
          {t('edit.addRisk')}
        </Button>
      </Group>
    </ListForm>
  );
}
