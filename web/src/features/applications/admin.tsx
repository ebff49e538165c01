import { useState } from 'react';
import {
  Alert,
  Breadcrumbs,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  FileInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, hasPermission, useMe } from '../../api/client';
import { NotFoundPage } from '../../routes/NotFoundPage';
import { errorMessage, fieldErrors, notifySuccess, QueryState } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { Page } from '../../ui/Page';
import { AnchorLink } from '../../ui/links';
import { useCommune } from '../communes/api';
import {
  useAlertRules,
  useApplications,
  useBaseline,
  useImportBaseline,
  useSaveAlertRules,
  useTestAlertRules,
  type BaselineImportResult,
} from './api';
import { alertRulesRoute } from './routes';

interface RuleDraft {
  label: string;
  value: string;
  applicationId: string;
}

/**
 * A commune's label → application rules for monitoring alerts: listed in order, added, edited,
 * removed (saved as a whole, as the API replaces the list), and a label set tried against them.
 */
export function AlertRulesPage() {
  const { communeId } = alertRulesRoute.useParams();
  const { t } = useTranslation(['applications', 'common']);
  const me = useMe();
  const commune = useCommune(communeId);
  const rules = useAlertRules(communeId);
  const apps = useApplications(communeId, {});
  const save = useSaveAlertRules(communeId);
  const canEdit = hasPermission(me, 'applications.manage');
  const [editing, setEditing] = useState<{ index: number | null; draft: RuleDraft } | null>(null);
  if (
    (commune.error instanceof ApiError && commune.error.status === 404) ||
    (rules.error instanceof ApiError && rules.error.status === 404)
  )
    return <NotFoundPage />;
  const name = commune.data?.name ?? '';
  const items = rules.data?.items ?? [];
  const store = (next: RuleDraft[], done: string) =>
    save.mutate(
      { rules: next.map((r) => ({ label: r.label, value: r.value, applicationId: r.applicationId })) },
      {
        onSuccess: () => {
          notifySuccess(done);
          setEditing(null);
        },
      },
    );
  const current = (): RuleDraft[] =>
    items.map((r) => ({ label: r.label, value: r.value, applicationId: r.applicationId }));
  return (
    <Stack gap="md">
      <Breadcrumbs aria-label={t('common:common.breadcrumb')}>
        <AnchorLink to="/parc-applicatif/$communeId" params={{ communeId }}>
          {name ? t('communeTitle', { name }) : t('title')}
        </AnchorLink>
        <Text aria-current="page">{t('rules.title')}</Text>
      </Breadcrumbs>
      <Page
        title={t('rules.communeTitle', { name })}
        description={t('rules.intro')}
        actions={
          canEdit ? (
            <Button onClick={() => setEditing({ index: null, draft: { label: '', value: '', applicationId: '' } })}>
              {t('rules.add')}
            </Button>
          ) : undefined
        }
      >
        <QueryState isPending={rules.isPending} error={rules.error} />
        {save.error && !editing && (
          <Alert color="red" role="alert">
            {errorMessage(t, save.error)}
          </Alert>
        )}
        {rules.data &&
          (items.length === 0 ? (
            <Text c="dimmed">{t('rules.none')}</Text>
          ) : (
            <Table>
              <Table.Caption>{t('rules.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('rules.order')}</Table.Th>
                  <Table.Th scope="col">{t('rules.label')}</Table.Th>
                  <Table.Th scope="col">{t('rules.value')}</Table.Th>
                  <Table.Th scope="col">{t('rules.application')}</Table.Th>
                  {canEdit && (
                    <Table.Th scope="col">
                      <span className="sr-only">{t('common:common.actions')}</span>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r, i) => (
                  <Table.Tr key={`${r.label}=${r.value}`}>
                    <Table.Td>{i + 1}</Table.Td>
                    <Table.Td>
                      <code>{r.label}</code>
                    </Table.Td>
                    <Table.Td>
                      <code>{r.value}</code>
                    </Table.Td>
                    <Table.Td>
                      <AnchorLink to="/applications/$applicationId" params={{ applicationId: r.applicationId }}>
                        {r.applicationName}
                      </AnchorLink>
                    </Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Group gap="xs" justify="flex-end">
                          <Button
                            size="xs"
                            variant="light"
                            aria-label={t('rules.editOne', { label: r.label, value: r.value })}
                            onClick={() => setEditing({ index: i, draft: current()[i]! })}
                          >
                            {t('rules.edit')}
                          </Button>
                          <Button
                            size="xs"
                            variant="light"
                            color="red"
                            aria-label={t('rules.removeOne', { label: r.label, value: r.value })}
                            loading={save.isPending}
                            onClick={() =>
                              store(
                                current().filter((_, k) => k !== i),
                                t('rules.removed'),
                              )
                            }
                          >
                            {t('rules.remove')}
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ))}
        <RuleTester communeId={communeId} />
      </Page>
      {editing && (
        <RuleForm
          initial={editing.draft}
          isNew={editing.index === null}
          applications={(apps.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          pending={save.isPending}
          error={save.error}
          onCancel={() => {
            save.reset();
            setEditing(null);
          }}
          onSubmit={(draft) => {
            const list = current();
            if (editing.index === null) list.push(draft);
            else list[editing.index] = draft;
            store(list, t('rules.saved'));
          }}
        />
      )}
    </Stack>
  );
}

function RuleForm({
  initial,
  isNew,
  applications,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  initial: RuleDraft;
  isNew: boolean;
  applications: Array<{ value: string; label: string }>;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (d: RuleDraft) => void;
}) {
  const { t } = useTranslation(['applications', 'common']);
  const [draft, setDraft] = useState(initial);
  // The API names the failing rule's field (`rules.3.value`): shown on the field being edited.
  const errors = Object.fromEntries(
    Object.entries(fieldErrors(error)).map(([k, v]) => [k.replace(/^rules\.\d+\./, ''), v]),
  );
  return (
    <Modal opened onClose={onCancel} title={isNew ? t('rules.add') : t('rules.edit')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(draft);
        }}
      >
        <Stack>
          <TextInput
            label={t('rules.label')}
            description={t('rules.labelHelp')}
            value={draft.label}
            onChange={(e) => setDraft({ ...draft, label: e.currentTarget.value })}
            required
            error={errors.label}
          />
          <TextInput
            label={t('rules.value')}
            value={draft.value}
            onChange={(e) => setDraft({ ...draft, value: e.currentTarget.value })}
            required
            error={errors.value}
          />
          <NativeSelect
            label={t('rules.application')}
            value={draft.applicationId}
            onChange={(e) => setDraft({ ...draft, applicationId: e.currentTarget.value })}
            required
            error={errors.applicationId}
            data={[{ value: '', label: t('rules.pick') }, ...applications]}
          />
          {error != null && Object.keys(errors).length === 0 && (
            <Text c="red.8" role="alert">
              {errorMessage(t, error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('rules.cancel')}
            </Button>
            <Button type="submit" loading={pending}>
              {t('rules.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** `key=value` lines → labels; lines without `=` are ignored. */
function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf('=');
    if (i <= 0) continue;
    out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

function RuleTester({ communeId }: { communeId: string }) {
  const { t } = useTranslation(['applications', 'common']);
  const [text, setText] = useState('alertname=ServiceDown\njob=');
  const test = useTestAlertRules(communeId);
  const r = test.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rule-test-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="rule-test-heading">
          {t('rules.testTitle')}
        </Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            test.mutate(parseLabels(text));
          }}
        >
          <Stack gap="sm">
            <Textarea
              label={t('rules.testLabels')}
              description={t('rules.testHelp')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={3}
              styles={{ input: { fontFamily: 'monospace' } }}
              error={fieldErrors(test.error).labels}
            />
            <Group>
              <Button type="submit" variant="light" loading={test.isPending}>
                {t('rules.test')}
              </Button>
            </Group>
          </Stack>
        </form>
        <div role="status">
          {r &&
            (r.matched ? (
              <Text>
                {t(`rules.matched.${r.by!}`, {
                  name: r.applicationName,
                  label: r.rule?.label,
                  value: r.rule?.value,
                  position: (r.rule?.position ?? 0) + 1,
                })}{' '}
                <AnchorLink to="/applications/$applicationId" params={{ applicationId: r.applicationId! }}>
                  {r.applicationName}
                </AnchorLink>
              </Text>
            ) : (
              <Text>{t('rules.unmatched')}</Text>
            ))}
          {test.error != null && !fieldErrors(test.error).labels && (
            <Text c="red.8">{errorMessage(t, test.error)}</Text>
          )}
        </div>
      </Stack>
    </Paper>
  );
}

/**
 * The transferred inventory annexed to the convention: the one recorded, and the import of a
 * CSV or XLSX file with a preview (rows matched to the portfolio, problems by row) before accepting.
 */
export function BaselinePanel({ communeId }: { communeId: string }) {
  const { t, i18n } = useTranslation(['applications', 'common']);
  const me = useMe();
  const baseline = useBaseline(communeId);
  const canEdit = hasPermission(me, 'applications.manage');
  const [file, setFile] = useState<File | null>(null);
  const [asOf, setAsOf] = useState('');
  const [label, setLabel] = useState('');
  const [preview, setPreview] = useState<BaselineImportResult | null>(null);
  const run = useImportBaseline(communeId);
  const errors = fieldErrors(run.error);
  const send = (dryRun: boolean) =>
    file &&
    run.mutate(
      { file, dryRun, asOf, label },
      {
        onSuccess: (r) => {
          if (r.dryRun) setPreview(r);
          else {
            setPreview(null);
            setFile(null);
            notifySuccess(t('baseline.done', { count: r.items.length }));
          }
        },
      },
    );
  const b = baseline.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="baseline-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="baseline-heading">
          {t('baseline.title')}
        </Title>
        <QueryState isPending={baseline.isPending} error={baseline.error} />
        {b === null && <Text c="dimmed">{t('baseline.none')}</Text>}
        {b && (
          <Text size="sm">
            {t('baseline.current', {
              label: b.label,
              date: formatDate(b.asOf, i18n.language),
              count: b.items.length,
            })}
          </Text>
        )}
        {canEdit && (
          <>
            <Group align="flex-end" wrap="wrap">
              <FileInput
                label={t('baseline.file')}
                description={t('baseline.help')}
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                value={file}
                onChange={(f) => {
                  setFile(f);
                  setPreview(null);
                  run.reset();
                }}
                clearable
                clearButtonProps={{ 'aria-label': t('baseline.clear') }}
                error={errors.file}
                w={320}
              />
              <TextInput
                type="date"
                label={t('baseline.asOf')}
                value={asOf}
                onChange={(e) => setAsOf(e.currentTarget.value)}
                error={errors.asOf}
              />
              <TextInput
                label={t('baseline.label')}
                value={label}
                onChange={(e) => setLabel(e.currentTarget.value)}
                error={errors.label}
                w={320}
              />
              <Button onClick={() => send(true)} disabled={!file} loading={run.isPending && !preview}>
                {t('baseline.preview')}
              </Button>
            </Group>
            {run.error != null && !errors.file && !errors.asOf && !errors.label && (
              <Alert color="red" role="alert">
                {errorMessage(t, run.error)}
              </Alert>
            )}
          </>
        )}
        {preview && (
          <Stack gap="xs" role="status">
            <Text>
              {t('baseline.report', {
                rows: preview.rows,
                valid: preview.items.length,
                matched: preview.items.filter((i) => i.applicationId).length,
                errors: preview.errors.length,
                format: preview.format.toUpperCase(),
              })}
            </Text>
            {preview.errors.length > 0 && (
              <Table>
                <Table.Caption>{t('baseline.errors')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('baseline.row')}</Table.Th>
                    <Table.Th scope="col">{t('baseline.field')}</Table.Th>
                    <Table.Th scope="col">{t('baseline.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.errors.slice(0, 100).map((e) => (
                    <Table.Tr key={`${e.row}-${e.field}`}>
                      <Table.Td>{e.row}</Table.Td>
                      <Table.Td>{t(`baseline.column.${e.field}`)}</Table.Td>
                      <Table.Td>{e.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Table.ScrollContainer minWidth={500} mah={320}>
              <Table striped>
                <Table.Caption>{t('baseline.rows')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('baseline.row')}</Table.Th>
                    <Table.Th scope="col">{t('baseline.column.name')}</Table.Th>
                    <Table.Th scope="col">{t('baseline.column.domain')}</Table.Th>
                    <Table.Th scope="col">{t('baseline.match')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.items.slice(0, 300).map((i) => (
                    <Table.Tr key={i.row}>
                      <Table.Td>{i.row}</Table.Td>
                      <Table.Td>{i.name}</Table.Td>
                      <Table.Td>{i.domain ?? '—'}</Table.Td>
                      <Table.Td>{i.applicationName ?? t('baseline.noMatch')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group>
              <Button
                color="green"
                onClick={() => send(false)}
                loading={run.isPending}
                disabled={preview.errors.length > 0 || preview.items.length === 0}
              >
                {t('baseline.accept')}
              </Button>
              <Button variant="default" onClick={() => setPreview(null)}>
                {t('baseline.cancel')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
