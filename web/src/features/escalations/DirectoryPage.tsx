import { useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  List,
  MultiSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, useMe } from '../../api/client';
import type { User } from '../../api/types';
import { NotFoundPage } from '../../routes/NotFoundPage';
import { errorMessage, fieldErrors, notifySuccess, QueryState } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { useCommune, useCommunes } from '../communes/api';
import { useContract } from '../contracts/api';
import { useDirectory, useRoleCandidates, useSaveDirectory } from './api';
import { directoryRoute } from './routes';
import { referralLevels, sides, type Directory, type DirectoryRole, type Side } from './types';
import { AnchorLink } from '../../ui/links';

const roleKey = (r: { side: Side; role: string }) => `${r.side}\u0000${r.role}`;

/** The directory's home: a commune user's own commune, else the communes in scope. */
export function DirectoryIndexPage() {
  const { t } = useTranslation('escalations');
  const me = useMe();
  const communes = useCommunes();
  if (me.communeId) return <CommuneDirectory communeId={me.communeId} />;
  return (
    <Page title={t('directory.title')} description={t('directory.pick')}>
      <QueryState isPending={communes.isPending} error={communes.error} />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {communes.data?.items.map((c) => (
          <Card key={c.id} withBorder>
            <AnchorLink to="/annuaire-escalade/$communeId" params={{ communeId: c.id }} fw={600}>
              {c.name}
            </AnchorLink>
          </Card>
        ))}
      </SimpleGrid>
    </Page>
  );
}

/** One commune's directory (from the navigation's commune list or the commune page). */
export function DirectoryPage() {
  const { communeId } = directoryRoute.useParams();
  return <CommuneDirectory communeId={communeId} />;
}

function CommuneDirectory({ communeId }: { communeId: string }) {
  const { t } = useTranslation(['escalations', 'common']);
  const me = useMe();
  const commune = useCommune(communeId);
  const directory = useDirectory(communeId);
  // Outside the caller's scope the API answers 404, as for a commune that does not exist.
  if (
    (commune.error instanceof ApiError && commune.error.status === 404) ||
    (directory.error instanceof ApiError && directory.error.status === 404)
  )
    return <NotFoundPage />;
  const name = commune.data?.name ?? '';
  return (
    <Stack gap="md">
      {!me.communeId && (
        <Breadcrumbs aria-label={t('common:common.breadcrumb')}>
          <AnchorLink to="/annuaire-escalade">{t('directory.title')}</AnchorLink>
          <Text aria-current="page">{name}</Text>
        </Breadcrumbs>
      )}
      <Page
        title={name ? t('directory.communeTitle', { name }) : t('directory.title')}
        description={t('directory.intro')}
      >
        <QueryState isPending={directory.isPending} error={directory.error} />
        {directory.data && <DirectoryView communeId={communeId} directory={directory.data} />}
      </Page>
    </Stack>
  );
}

/** "Saisine en urgence : C — Assistance ; saisine exceptionnelle : A, B" for the cells naming a role. */
function cellsText(t: TFunction, role: DirectoryRole, titles: Map<string, string>): string {
  return referralLevels
    .map((level) => {
      const codes = role.cells
        .filter((c) => c.level === level)
        .map((c) => c.subdomain)
        .sort();
      if (!codes.length) return null;
      return t('escalations:directory.cellsAt', {
        level: t(`escalations:level.${level}`),
        subdomains: codes.map((c) => (titles.has(c) ? `${c} (${titles.get(c)})` : c)).join(', '),
      });
    })
    .filter(Boolean)
    .join(' ; ');
}

function DirectoryView({ communeId, directory }: { communeId: string; directory: Directory }) {
  const { t } = useTranslation(['escalations', 'common']);
  const contract = useContract(communeId, undefined);
  const titles = useMemo(() => {
    const annex = contract.data?.annexes.find((a) => a.id === directory.annexVersionId);
    return new Map((annex?.subdomains ?? []).map((s) => [s.code, s.title]));
  }, [contract.data, directory.annexVersionId]);
  const canEdit = directory.abilities.canEdit;
  return (
    <Stack gap="lg">
      {!directory.annexVersionId && <Alert color="orange">{t('directory.noContract')}</Alert>}
      {canEdit ? (
        <DirectoryForm communeId={communeId} directory={directory} titles={titles} />
      ) : (
        <>
          <Text>{t('directory.readOnly')}</Text>
          {sides.map((side) => (
            <SideSection
              key={side}
              side={side}
              roles={directory.roles.filter((r) => r.side === side)}
              titles={titles}
              holders={(r) =>
                r.users.length ? (
                  <List size="sm">
                    {r.users.map((u) => (
                      <List.Item key={u.id}>
                        {u.name} ({u.email})
                      </List.Item>
                    ))}
                  </List>
                ) : (
                  <Text size="sm">{t('directory.vacant')}</Text>
                )
              }
            />
          ))}
        </>
      )}
    </Stack>
  );
}

/** One side's roles as a table: role, the matrix cells naming it, its holders (read or edit). */
function SideSection({
  side,
  roles,
  titles,
  holders,
}: {
  side: Side;
  roles: DirectoryRole[];
  titles: Map<string, string>;
  holders: (r: DirectoryRole) => React.ReactNode;
}) {
  const { t } = useTranslation('escalations');
  const id = `directory-${side}`;
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">
        {t(`directory.side.${side}`)}
      </Title>
      {roles.length === 0 ? (
        <Text>{t('directory.noRoles')}</Text>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w="30%">
                    {t('directory.role')}
                  </Table.Th>
                  <Table.Th scope="col" w="30%">
                    {t('directory.cells')}
                  </Table.Th>
                  <Table.Th scope="col">{t('directory.holders')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {roles.map((r) => (
                  <Table.Tr key={roleKey(r)}>
                    <Table.Th scope="row" fw={600}>
                      {r.role}
                      {!r.inMatrix && (
                        <Badge ml="xs" color="orange" variant="outline" tt="none">
                          {t('directory.notInMatrix')}
                        </Badge>
                      )}
                    </Table.Th>
                    <Table.Td>
                      <Text size="sm">{r.inMatrix ? cellsText(t, r, titles) : '—'}</Text>
                    </Table.Td>
                    <Table.Td>{holders(r)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </section>
  );
}

const userOption = (u: Pick<User, 'id' | 'name' | 'email'>) => ({ value: u.id, label: `${u.name} (${u.email})` });

/**
 * The editable directory: one user picker per role, saved as a whole (PUT replaces it). Roles the
 * matrix in force no longer names are dropped on save (the server refuses them), as announced.
 */
function DirectoryForm({
  communeId,
  directory,
  titles,
}: {
  communeId: string;
  directory: Directory;
  titles: Map<string, string>;
}) {
  const { t } = useTranslation(['escalations', 'common']);
  const save = useSaveDirectory(communeId);
  const candidates = useRoleCandidates(communeId, true);
  const [holders, setHolders] = useState<Record<string, string[]>>(() =>
    Object.fromEntries(directory.roles.map((r) => [roleKey(r), r.users.map((u) => u.id)])),
  );
  const kept = directory.roles.filter((r) => r.inMatrix || !directory.annexVersionId);
  const dropped = directory.roles.length - kept.length;
  // The rules PUT /escalation-directory checks itself come as `invalid` on `entries.<i>.role` (a
  // role given twice, or one the matrix in force does not name) and `entries.<i>.userIds.<j>` (not
  // a person of the role's side): worded here from the field, for entry <i> of what was sent.
  const errors = fieldErrors(save.error, (p) => {
    const m = /^entries\.(\d+)\.(role|userIds)\b/.exec(p.field);
    const entry = m && p.code === 'invalid' ? kept[Number(m[1])] : undefined;
    if (!m || !entry) return undefined;
    if (m[2] === 'userIds')
      return t(
        entry.side === 'commune'
          ? 'escalations:directory.errors.communeUser'
          : 'escalations:directory.errors.providerUser',
      );
    return kept.filter((k) => roleKey(k) === roleKey(entry)).length > 1
      ? t('escalations:directory.errors.duplicate')
      : t('escalations:directory.errors.unknownRole');
  });
  const errorOf = (r: DirectoryRole): string | undefined => {
    const i = kept.indexOf(r);
    const messages = Object.entries(errors)
      .filter(([f]) => f === `entries.${i}.role` || f.startsWith(`entries.${i}.`))
      .map(([, m]) => m);
    return messages.length ? [...new Set(messages)].join(' ') : undefined;
  };
  const other = save.error && !Object.keys(errors).length ? errorMessage(t, save.error) : null;

  const optionsFor = (r: DirectoryRole) => {
    const pool = r.side === 'commune' ? candidates.commune : candidates.provider;
    // Current holders stay selectable (and visible) even when no longer in the pool.
    const extra = r.users.filter((u) => !pool.some((p) => p.id === u.id));
    return [...pool, ...extra].map(userOption);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate(
      { entries: kept.map((r) => ({ side: r.side, role: r.role, userIds: holders[roleKey(r)] ?? [] })) },
      {
        onSuccess: () => notifySuccess(t('directory.saved')),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Text>{t('directory.editIntro')}</Text>
        <QueryState isPending={candidates.isPending} error={candidates.error} />
        {sides.map((side) => (
          <SideSection
            key={side}
            side={side}
            roles={directory.roles.filter((r) => r.side === side)}
            titles={titles}
            holders={(r) => (
              <MultiSelect
                aria-label={t('directory.holdersOf', { role: r.role })}
                data={optionsFor(r)}
                value={holders[roleKey(r)] ?? []}
                onChange={(v) => setHolders((h) => ({ ...h, [roleKey(r)]: v }))}
                searchable
                clearable
                hidePickedOptions
                nothingFoundMessage={t('directory.nobodyFound')}
                placeholder={(holders[roleKey(r)] ?? []).length ? undefined : t('directory.vacant')}
                disabled={!kept.includes(r)}
                error={errorOf(r)}
              />
            )}
          />
        ))}
        {dropped > 0 && <Alert color="orange">{t('directory.dropped', { count: dropped })}</Alert>}
        {other && (
          <Alert color="red" role="alert">
            {other}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common:common.save')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              save.reset();
              setHolders(Object.fromEntries(directory.roles.map((r) => [roleKey(r), r.users.map((u) => u.id)])));
            }}
          >
            {t('directory.reset')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
