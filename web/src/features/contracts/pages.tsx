import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../api/client';
import { Page } from '../../ui/Page';
import { QueryState, fieldErrors, notifyError } from '../../ui/feedback';
import { useCommune, useCommunes } from '../communes/api';
import {
  contractDocumentUrl,
  useAmendments,
  useContract,
  useCreateAmendment,
  useVersions,
  type Amendment,
  type AnnexVersionItem,
} from './api';
import { AnnexView } from './AnnexView';
import { formatDay, frenchText, signedText, validityText } from './format';
import { communeContractRoute } from './routes';
import { AnchorLink, ButtonLink } from '../../ui/links';
import { ApiError } from '../../api/client';
import { ContractEntry } from './ContractEntry';
import { ContractArticles, ReconstructionNote } from './Reconstructed';

/** Contracts home: the user's own commune's contract, or the list of communes in scope. */
export function ContractsPage() {
  const { t } = useTranslation('contracts');
  const me = useMe();
  const communes = useCommunes();
  if (me.communeId) return <CommuneContract communeId={me.communeId} at={undefined} />;
  return (
    <Page title={t('title')} description={t('intro')}>
      <QueryState isPending={communes.isPending} error={communes.error} />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {communes.data?.items.map((c) => (
          <Card key={c.id} withBorder>
            <AnchorLink to="/contrats/$communeId" params={{ communeId: c.id }} fw={600}>
              {c.name}
            </AnchorLink>
          </Card>
        ))}
      </SimpleGrid>
    </Page>
  );
}

export function CommuneContractPage() {
  const { communeId } = communeContractRoute.useParams();
  const { at } = communeContractRoute.useSearch();
  return <CommuneContract communeId={communeId} at={at} />;
}

export const statusColor = { draft: 'gray', signed: 'blue', in_force: 'green' } as const;

function CommuneContract({ communeId, at }: { communeId: string; at: string | undefined }) {
  const { t, i18n } = useTranslation('contracts');
  const { t: tc } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const commune = useCommune(communeId);
  const contract = useContract(communeId, at);
  const full = hasPermission(me, 'contracts.read');
  const amendments = useAmendments(communeId, full);
  const versions = useVersions(communeId, 'numerique', full);
  const create = useCreateAmendment(communeId);
  const [date, setDate] = useState(at ?? '');
  const name = commune.data?.name ?? contract.data?.contract.communeName ?? '';
  const draft = amendments.data?.items.find((a) => a.status === 'draft');

  const go = (next: string | undefined) =>
    void navigate({ to: '/contrats/$communeId', params: { communeId }, search: () => (next ? { at: next } : {}) });

  return (
    <Page
      title={t('communeTitle', { name })}
      description={contract.data ? t('inForceAt', { date: formatDay(contract.data.at, i18n.language) }) : undefined}
      actions={
        full && contract.data ? (
          <>
            <Button component="a" href={contractDocumentUrl(communeId, at, 'pdf')} variant="default" download>
              {t('download.pdf')}
            </Button>
            <Button component="a" href={contractDocumentUrl(communeId, at, 'docx')} variant="default" download>
              {t('download.docx')}
            </Button>
          </>
        ) : undefined
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          go(date || undefined);
        }}
      >
        <Group align="flex-end" gap="sm">
          <TextInput
            type="date"
            label={t('atLabel')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={fieldErrors(contract.error).at}
          />
          <Button type="submit" variant="light">
            {t('show')}
          </Button>
          {at && (
            <Button
              variant="subtle"
              onClick={() => {
                setDate('');
                go(undefined);
              }}
            >
              {t('today')}
            </Button>
          )}
        </Group>
      </form>
      {hasPermission(me, 'contracts.record') &&
        !at &&
        (contract.data || (contract.error instanceof ApiError && contract.error.status === 404)) && (
          <ContractEntry communeId={communeId} hasContract={Boolean(contract.data)} />
        )}
      <QueryState isPending={contract.isPending} error={contract.error} />
      {contract.data && (
        <>
          <Card withBorder>
            <Stack gap={4}>
              <Title order={2} size="h4">
                {frenchText(contract.data.contract.title, i18n.language)}
              </Title>
              <Text size="sm">
                {signedText(t, contract.data.contract.signedAt, contract.data.contract.place, i18n.language)}
              </Text>
              <List size="sm">
                {contract.data.contract.parties.map((p) => (
                  <List.Item key={p.name}>
                    {t('party', {
                      name: frenchText(p.name, i18n.language),
                      capacity: p.capacity,
                      person: p.representedBy,
                    })}
                  </List.Item>
                ))}
              </List>
            </Stack>
          </Card>
          <ContractArticles contract={contract.data.contract} />
          {full && (
            <Card withBorder>
              <Group justify="space-between" align="flex-start">
                <Title order={2} size="h4">
                  {t('timeline.title')}
                </Title>
                <Group gap="xs">
                  {versions.data && versions.data.items.filter((v) => v.status === 'signed').length >= 2 && (
                    <ButtonLink
                      to="/contrats/$communeId/comparer"
                      params={{ communeId }}
                      search={compareDefaults(versions.data.items)}
                      variant="light"
                    >
                      {t('compare.open')}
                    </ButtonLink>
                  )}
                  {hasPermission(me, 'contracts.draft') &&
                    (draft ? (
                      <ButtonLink to="/avenants/$amendmentId" params={{ amendmentId: draft.id }}>
                        {t('draft.resume', { number: draft.number })}
                      </ButtonLink>
                    ) : (
                      <Button
                        loading={create.isPending}
                        onClick={() =>
                          create.mutate(
                            {},
                            {
                              onSuccess: (a) =>
                                void navigate({ to: '/avenants/$amendmentId', params: { amendmentId: a.id } }),
                              onError: (e) => notifyError(tc, e),
                            },
                          )
                        }
                      >
                        {t('draft.create')}
                      </Button>
                    ))}
                </Group>
              </Group>
              <QueryState
                isPending={versions.isPending || amendments.isPending}
                error={versions.error ?? amendments.error}
              />
              {versions.data && amendments.data && (
                <ContractTimeline versions={versions.data.items} amendments={amendments.data.items} onShow={go} />
              )}
            </Card>
          )}
          {contract.data.annexes.map((a) => (
            <section key={a.id} aria-labelledby={`annex-${a.id}`}>
              <Group gap="sm" mb="sm">
                <Title order={2} size="h3" id={`annex-${a.id}`}>
                  {t('annexTitle', { domain: a.domainTitle })}
                </Title>
                <Badge variant="light" color="blue">
                  {t('version', { version: a.version })}
                </Badge>
                <Text size="sm">{validityText(t, a, i18n.language)}</Text>
              </Group>
              <ReconstructionNote note={a.reconstructionNote} />
              <AnnexView annex={a} />
            </section>
          ))}
          {contract.data.view === 'public' && <Text size="sm">{t('publicView')}</Text>}
        </>
      )}
    </Page>
  );
}

function compareDefaults(items: AnnexVersionItem[]) {
  const signed = items.filter((v) => v.status === 'signed');
  return { from: signed[signed.length - 2]?.id, to: signed[signed.length - 1]?.id };
}

/** Versions and amendments in date order. */
function ContractTimeline({
  versions,
  amendments,
  onShow,
}: {
  versions: AnnexVersionItem[];
  amendments: Amendment[];
  onShow: (at: string) => void;
}) {
  const { t, i18n } = useTranslation('contracts');
  const lang = i18n.language;
  const byAmendment = new Map(amendments.map((a) => [a.id, a]));
  const rows = versions.filter((v) => v.status === 'signed');
  const drafts = amendments.filter((a) => a.status === 'draft');
  return (
    <Timeline active={rows.length - 1} bulletSize={14} lineWidth={2} mt="md">
      {rows.map((v) => {
        const am = v.amendmentId ? byAmendment.get(v.amendmentId) : undefined;
        return (
          <Timeline.Item key={v.id} title={`${t('version', { version: v.version })} — ${v.domainTitle}`}>
            <Text size="sm">{validityText(t, v, lang)}</Text>
            <Text size="sm">
              {am ? (
                <>
                  <AnchorLink to="/avenants/$amendmentId" params={{ amendmentId: am.id }}>
                    {am.title}
                  </AnchorLink>{' '}
                  <Badge size="sm" variant="light" color={statusColor[am.status]}>
                    {t(`status.${am.status}`)}
                  </Badge>{' '}
                  {t('signedShort', { date: formatDay(am.signedAt, lang) })}
                </>
              ) : (
                t('timeline.original')
              )}
            </Text>
            <Anchor component="button" type="button" size="sm" onClick={() => onShow(v.effectiveFrom!)}>
              {t('timeline.show', { version: v.version })}
            </Anchor>
          </Timeline.Item>
        );
      })}
      {drafts.map((a) => (
        <Timeline.Item key={a.id} title={a.title}>
          <Badge size="sm" variant="light" color="gray">
            {t('status.draft')}
          </Badge>{' '}
          <AnchorLink to="/avenants/$amendmentId" params={{ amendmentId: a.id }} size="sm">
            {t('draft.open')}
          </AnchorLink>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
