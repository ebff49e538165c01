import { useState } from 'react';
import { ReconstructedBadge } from './Reconstructed';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  JsonInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';
import { QueryState, errorMessage, fieldErrors, notifyError, notifySuccess } from '../../ui/feedback';
import {
  amendmentDocumentUrl,
  useAmendment,
  useAnnexVersion,
  useDeleteAmendment,
  usePatchAnnex,
  useSignAmendment,
  useUpdateAmendment,
  type Amendment,
  type Annex,
} from './api';
import { AnnexView } from './AnnexView';
import { formatDay, frenchText, signingProblem, splitAtRevisions } from './format';
import { statusColor } from './pages';
import { amendmentRoute } from './routes';
import { AnchorLink } from '../../ui/links';

/** One amendment: read it, edit the draft and its annex, sign it (director), download it. */
export function AmendmentPage() {
  const { t, i18n } = useTranslation('contracts');
  const { amendmentId } = amendmentRoute.useParams();
  const q = useAmendment(amendmentId);
  const a = q.data;
  return (
    <Page
      title={a ? t('amendment.title', { title: a.title }) : t('amendment.loading')}
      description={
        a ? (
          <AnchorLink to="/contrats/$communeId" params={{ communeId: a.communeId }}>
            {t('amendment.back')}
          </AnchorLink>
        ) : undefined
      }
      actions={
        a ? (
          <>
            <Button component="a" href={amendmentDocumentUrl(a.id, 'pdf')} variant="default" download>
              {t('download.pdf')}
            </Button>
            <Button component="a" href={amendmentDocumentUrl(a.id, 'docx')} variant="default" download>
              {t('download.docx')}
            </Button>
          </>
        ) : undefined
      }
    >
      <QueryState isPending={q.isPending} error={q.error} />
      {a && (
        <>
          <Group gap="sm">
            <Badge color={statusColor[a.status]} variant="light">
              {t(`status.${a.status}`)}
            </Badge>
            <Text size="sm">
              {a.signedAt
                ? t('amendment.dates', {
                    signed: formatDay(a.signedAt, i18n.language),
                    effective: formatDay(a.effectiveFrom, i18n.language),
                  })
                : a.effectiveFrom
                  ? t('amendment.datesUnsigned', { effective: formatDay(a.effectiveFrom, i18n.language) })
                  : t('amendment.unsigned')}
            </Text>
          </Group>
          {a.abilities.canEdit ? <AmendmentForm amendment={a} /> : <AmendmentText amendment={a} />}
          {a.annexVersions.map((v) => (
            <AnnexSection key={v.id} id={v.id} editable={a.abilities.canEdit} />
          ))}
          {a.abilities.canSign && <SignForm amendment={a} />}
          {a.abilities.canDelete && <DeleteDraft amendment={a} />}
        </>
      )}
    </Page>
  );
}

function AmendmentText({ amendment }: { amendment: Amendment }) {
  const { t, i18n } = useTranslation('contracts');
  const fill = (text: string) =>
    frenchText(text, i18n.language).replace(
      /\{\{effectiveFrom\}\}/g,
      formatDay(amendment.effectiveFrom, i18n.language),
    );
  const revisions = (
    <Table withTableBorder fz="sm" my="xs">
      <Table.Caption>{t('amendment.revisions')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('amendment.domain')}</Table.Th>
          <Table.Th scope="col">{t('amendment.revisionObject')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {amendment.revisions.map((r) => (
          <Table.Tr key={r.domain}>
            <Table.Th scope="row">{r.domainTitle}</Table.Th>
            <Table.Td>{r.object}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  const placed = amendment.articles.some((ar) => splitAtRevisions(ar.body));
  return (
    <Card withBorder>
      <Stack gap="xs">
        {amendment.recitals.map((r, i) => (
          <Text key={i} size="sm">
            {frenchText(r, i18n.language)}
          </Text>
        ))}
        {amendment.articles.map((ar) => {
          const split = splitAtRevisions(ar.body);
          return (
            <div key={ar.number}>
              <Text fw={600} size="sm">
                {t('amendment.article', { number: ar.number, title: ar.title })}{' '}
                {ar.reconstructed && <ReconstructedBadge />}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {fill(split ? split.before : ar.body)}
              </Text>
              {split && revisions}
              {split?.after && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {fill(split.after)}
                </Text>
              )}
            </div>
          );
        })}
        {/* No article says where: the table closes the text. */}
        {!placed && amendment.revisions.length > 0 && revisions}
      </Stack>
    </Card>
  );
}

function AmendmentForm({ amendment }: { amendment: Amendment }) {
  const { t } = useTranslation('contracts');
  const { t: tc } = useTranslation();
  const save = useUpdateAmendment(amendment.id);
  const [object, setObject] = useState(amendment.object);
  const [revisions, setRevisions] = useState(amendment.revisions.map((r) => ({ domain: r.domain, object: r.object })));
  const errors = fieldErrors(save.error);
  return (
    <Card
      withBorder
      component="form"
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        save.mutate({ object, revisions }, { onSuccess: () => notifySuccess(t('saved')) });
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('amendment.edit')}
        </Title>
        <Textarea
          label={t('amendment.object')}
          value={object}
          onChange={(e) => setObject(e.currentTarget.value)}
          autosize
          minRows={2}
          error={errors.object}
        />
        {revisions.map((r, i) => (
          <Textarea
            key={r.domain}
            label={t('amendment.revisionFor', { domain: amendment.revisions[i]?.domainTitle ?? r.domain })}
            value={r.object}
            autosize
            minRows={1}
            error={errors[`revisions.${i}.object`]}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setRevisions((list) => list.map((x, j) => (j === i ? { ...x, object: v } : x)));
            }}
          />
        ))}
        {save.error && !Object.keys(errors).length && (
          <Alert color="red" role="alert">
            {errorMessage(tc, save.error)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

const editableParts = [
  'priorities',
  'commitments',
  'escalationMatrix',
  'subdomains',
  'footnotes',
  'governance',
  'roles',
  'implementation',
  'preamble',
  'means',
  'scopeNote',
  'prioritiesIntro',
  'indicatorsIntro',
  'sourcesNote',
  'title',
] as const;
type EditablePart = (typeof editableParts)[number];

function AnnexSection({ id, editable }: { id: string; editable: boolean }) {
  const { t } = useTranslation('contracts');
  const q = useAnnexVersion(id);
  const annex = q.data;
  return (
    <section aria-labelledby={`annex-${id}`}>
      <QueryState isPending={q.isPending} error={q.error} />
      {annex && (
        <Stack>
          <Group gap="sm">
            <Title order={2} size="h3" id={`annex-${id}`}>
              {t('annexTitle', { domain: annex.domainTitle })}
            </Title>
            <Badge variant="light">{t('version', { version: annex.version })}</Badge>
            <AnchorLink
              to="/contrats/$communeId/comparer"
              params={{ communeId: annex.communeId }}
              search={{ to: annex.id }}
              size="sm"
            >
              {t('compare.open')}
            </AnchorLink>
          </Group>
          {editable && <AnnexEditor annex={annex} />}
          <AnnexView annex={annex} />
        </Stack>
      )}
    </section>
  );
}

/** Editing a draft annex: the priorities, the indicators' values and rules, the escalation matrix, and any other part as JSON. */
function AnnexEditor({ annex }: { annex: Annex }) {
  const { t } = useTranslation('contracts');
  const { t: tc } = useTranslation();
  const patch = usePatchAnnex(annex.id);
  const [priorities, setPriorities] = useState((annex.priorities ?? []).join('\n'));
  const [matrix, setMatrix] = useState(annex.escalationMatrix);
  const [part, setPart] = useState<EditablePart>('commitments');
  // The JSON box shows the part as saved, or the text typed over it for this very annex and part:
  // another part, or a new version of the annex (after a save), shows the saved value again.
  const [typed, setTyped] = useState<{ annex: Annex; part: EditablePart; text: string } | null>(null);
  const json =
    typed && typed.annex === annex && typed.part === part
      ? typed.text
      : JSON.stringify((annex as Record<string, unknown>)[part], null, 2);
  const setJson = (text: string) => setTyped({ annex, part, text });
  const [jsonError, setJsonError] = useState<string | null>(null);
  const errors = fieldErrors(patch.error);
  const submit = (body: Record<string, unknown>) =>
    patch.mutate(body, {
      onSuccess: () => notifySuccess(t('saved')),
      onError: (e) => {
        if (!Object.keys(fieldErrors(e)).length) notifyError(tc, e);
      },
    });

  return (
    <Card withBorder>
      <Stack gap="md">
        <Title order={3} size="h4">
          {t('editor.title')}
        </Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit({
              priorities: priorities
                .split('\n')
                .map((p) => p.trim())
                .filter(Boolean),
            });
          }}
        >
          <Textarea
            label={t('editor.priorities')}
            description={t('editor.onePerLine')}
            value={priorities}
            onChange={(e) => setPriorities(e.currentTarget.value)}
            autosize
            minRows={4}
            error={Object.entries(errors).find(([k]) => k.startsWith('priorities'))?.[1]}
          />
          <Button type="submit" mt="xs" variant="light" loading={patch.isPending}>
            {t('editor.savePriorities')}
          </Button>
        </form>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit({ escalationMatrix: matrix });
          }}
        >
          <Table withTableBorder fz="sm">
            <Table.Caption>{t('parts.matrix')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('matrix.level')}</Table.Th>
                <Table.Th scope="col">{t('matrix.subdomain')}</Table.Th>
                <Table.Th scope="col">{t('matrix.communeRole')}</Table.Th>
                <Table.Th scope="col">{t('matrix.providerRole')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {matrix.map((m, i) => (
                <Table.Tr key={`${m.level}/${m.subdomain}`}>
                  <Table.Td>{t(`level.${m.level}`)}</Table.Td>
                  <Table.Td>{m.subdomain}</Table.Td>
                  {(['commune', 'provider'] as const).map((side) => (
                    <Table.Td key={side}>
                      <TextInput
                        aria-label={t(`matrix.${side}Input`, { level: t(`level.${m.level}`), subdomain: m.subdomain })}
                        value={m[side]}
                        error={errors[`escalationMatrix.${i}.${side}`]}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          setMatrix((list) => list.map((x, j) => (j === i ? { ...x, [side]: v } : x)));
                        }}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Button type="submit" mt="xs" variant="light" loading={patch.isPending}>
            {t('editor.saveMatrix')}
          </Button>
        </form>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            let value: unknown;
            try {
              value = JSON.parse(json);
            } catch {
              // Said once, on the field (JsonInput's own message): not a generic "internal error" too.
              setJsonError(t('editor.invalidJson'));
              return;
            }
            setJsonError(null);
            submit({ [part]: value });
          }}
        >
          <Select
            label={t('editor.part')}
            data={editableParts.map((p) => ({ value: p, label: t(`editor.parts.${p}`) }))}
            value={part}
            onChange={(v) => v && setPart(v)}
            allowDeselect={false}
            maw={360}
          />
          <JsonInput
            label={t('editor.json')}
            description={t('editor.jsonHelp')}
            value={json}
            onChange={(v) => {
              setJson(v);
              setJsonError(null);
            }}
            error={jsonError ?? undefined}
            autosize
            minRows={8}
            maxRows={30}
            validationError={t('editor.invalidJson')}
            formatOnBlur
            mt="xs"
          />
          {Object.keys(errors).length > 0 && (
            <Alert color="red" role="alert" mt="xs" title={t('editor.errors')}>
              {Object.entries(errors).map(([k, v]) => (
                <Text key={k} size="sm">
                  {k} : {v}
                </Text>
              ))}
            </Alert>
          )}
          <Button type="submit" mt="xs" variant="light" loading={patch.isPending}>
            {t('editor.savePart')}
          </Button>
        </form>
      </Stack>
    </Card>
  );
}

function SignForm({ amendment }: { amendment: Amendment }) {
  const { t, i18n } = useTranslation('contracts');
  const { t: tc } = useTranslation();
  const sign = useSignAmendment(amendment.id);
  const today = new Date().toISOString().slice(0, 10);
  const [signedAt, setSignedAt] = useState(today);
  const [effectiveFrom, setEffectiveFrom] = useState('');
  // The server explains its date rules in English: worded here in the interface language.
  const errors = fieldErrors(sign.error, (p) => signingProblem(t, p, i18n.language));
  return (
    <Card
      withBorder
      component="form"
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        sign.mutate({ signedAt, effectiveFrom }, { onSuccess: () => notifySuccess(t('sign.done')) });
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('sign.title')}
        </Title>
        <Text size="sm">{t('sign.help')}</Text>
        <Group align="flex-start">
          <TextInput
            type="date"
            label={t('sign.signedAt')}
            value={signedAt}
            onChange={(e) => setSignedAt(e.currentTarget.value)}
            error={errors.signedAt}
            required
          />
          <TextInput
            type="date"
            label={t('sign.effectiveFrom')}
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.currentTarget.value)}
            error={errors.effectiveFrom}
            required
          />
        </Group>
        {sign.error && !Object.keys(errors).length && (
          <Alert color="red" role="alert">
            {errorMessage(tc, sign.error)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={sign.isPending}>
            {t('sign.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function DeleteDraft({ amendment }: { amendment: Amendment }) {
  const { t } = useTranslation('contracts');
  const { t: tc } = useTranslation();
  const del = useDeleteAmendment(amendment.id);
  const navigate = useNavigate();
  return (
    <Group>
      <Button
        color="red"
        loading={del.isPending}
        onClick={() => {
          if (window.confirm(t('draft.confirmDelete', { title: amendment.title })))
            del.mutate(undefined, {
              onSuccess: () =>
                void navigate({ to: '/contrats/$communeId', params: { communeId: amendment.communeId } }),
              onError: (e) => notifyError(tc, e),
            });
        }}
      >
        {t('draft.delete')}
      </Button>
    </Group>
  );
}
