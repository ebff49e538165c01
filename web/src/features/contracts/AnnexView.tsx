import { Fragment } from 'react';
import { List, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Annex } from './api';
import { describeRule } from './format';

import { referralLevels as levels } from '../../../../src/shared/service-desk';
const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** The escalation matrix as in the reference: types of referral × sub-domains, commune and shared-service roles. */
export function EscalationMatrix({ annex }: { annex: Annex }) {
  const { t } = useTranslation('contracts');
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table withTableBorder withColumnBorders verticalSpacing="xs" fz="sm">
        <Table.Caption>{t('matrix.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('matrix.level')}</Table.Th>
            {annex.subdomains.map((s) => (
              <Table.Th scope="col" key={s.code}>{`${s.code}- ${s.title}`}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {levels.map((level) => (
            <Table.Tr key={level}>
              <Table.Th scope="row">{t(`level.${level}`)}</Table.Th>
              {annex.subdomains.map((s) => {
                const cell = annex.escalationMatrix.find((m) => m.level === level && m.subdomain === s.code);
                return (
                  <Table.Td key={s.code}>
                    {cell && (
                      <>
                        <Text size="sm">
                          <strong>{t('matrix.commune')}</strong> {cell.commune}
                        </Text>
                        <Text size="sm">
                          <strong>{t('matrix.provider')}</strong> {cell.provider}
                        </Text>
                      </>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The support opening hours promised by the annex (3.2.1). */
export function SupportHours({ annex }: { annex: Annex }) {
  const { t } = useTranslation('contracts');
  const h = annex.supportHours;
  if (!h) return null;
  return (
    <Stack gap="xs">
      <Text size="sm">{h.text}</Text>
      <Table withTableBorder fz="sm" maw={520}>
        <Table.Caption>{t('hours.caption', { code: h.indicatorCode })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('hours.day')}</Table.Th>
            <Table.Th scope="col">{t('hours.ranges')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {days.map((d) => (
            <Table.Tr key={d}>
              <Table.Th scope="row">{t(`day.${d}`)}</Table.Th>
              <Table.Td>
                {h.weekly[d].length ? h.weekly[d].map(([a, b]) => `${a}–${b}`).join(', ') : t('hours.closed')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Paragraphs({ items }: { items: string[] }) {
  return (
    <>
      {items.map((p, i) => (
        <Text key={i} size="sm">
          {p}
        </Text>
      ))}
    </>
  );
}

/** Every part of an annex version in readable tables, like the reference (public view: matrix and hours only). */
export function AnnexView({ annex }: { annex: Annex }) {
  const { t } = useTranslation('contracts');
  if (!annex.commitments) {
    return (
      <Stack>
        <Title order={3}>{t('parts.matrix')}</Title>
        <EscalationMatrix annex={annex} />
        <Title order={3}>{t('parts.hours')}</Title>
        <SupportHours annex={annex} />
      </Stack>
    );
  }
  const im = annex.implementation;
  return (
    <Tabs defaultValue="indicators" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="indicators">{t('parts.indicators')}</Tabs.Tab>
        <Tabs.Tab value="priorities">{t('parts.priorities')}</Tabs.Tab>
        <Tabs.Tab value="subdomains">{t('parts.subdomains')}</Tabs.Tab>
        <Tabs.Tab value="modalities">{t('parts.modalities')}</Tabs.Tab>
        <Tabs.Tab value="governance">{t('parts.governance')}</Tabs.Tab>
        <Tabs.Tab value="roles">{t('parts.roles')}</Tabs.Tab>
        <Tabs.Tab value="matrix">{t('parts.matrix')}</Tabs.Tab>
        <Tabs.Tab value="preamble">{t('parts.preamble')}</Tabs.Tab>
      </Tabs.List>

      <Tabs.Panel value="indicators" pt="md">
        {annex.indicatorsIntro && (
          <Text size="sm" mb="sm">
            {annex.indicatorsIntro}
          </Text>
        )}
        <Table.ScrollContainer minWidth={1100}>
          <Table withTableBorder withColumnBorders verticalSpacing="xs" fz="sm">
            <Table.Caption>{t('indicators.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {(
                  [
                    'subdomain',
                    'commitment',
                    'indicator',
                    'periodicity',
                    'source',
                    'baseline',
                    'target',
                    'conditions',
                    'rule',
                  ] as const
                ).map((c) => (
                  <Table.Th scope="col" key={c}>
                    {t(`indicators.${c}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {annex.commitments.flatMap((cm) =>
                cm.indicators.map((i, n) => (
                  <Table.Tr key={i.code}>
                    {n === 0 && (
                      <Table.Td rowSpan={cm.indicators.length}>
                        {annex.subdomains?.find((s) => s.code === cm.subdomain)?.title ?? cm.subdomain}
                      </Table.Td>
                    )}
                    {n === 0 && (
                      <Table.Td rowSpan={cm.indicators.length}>
                        <strong>{t('indicators.commitmentCode', { code: cm.code })}</strong> {cm.text}
                      </Table.Td>
                    )}
                    <Table.Th scope="row" fw="normal">
                      <strong>{t('indicators.indicatorCode', { code: i.code })}</strong> {i.title}
                      {i.definition && (
                        <Text size="xs" mt={4}>
                          {i.definition}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td>{i.periodicity}</Table.Td>
                    <Table.Td>{i.source}</Table.Td>
                    <Table.Td>
                      {i.baseline}
                      {i.baselineVolume !== null && (
                        <Text size="xs">{t('indicators.volume', { volume: i.baselineVolume })}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>{i.target}</Table.Td>
                    <Table.Td>{i.conditions}</Table.Td>
                    <Table.Td>{describeRule(i.rule, t)}</Table.Td>
                  </Table.Tr>
                )),
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {annex.sourcesNote && (
          <Text size="xs" mt="xs">
            *{annex.sourcesNote}
          </Text>
        )}
      </Tabs.Panel>

      <Tabs.Panel value="priorities" pt="md">
        <Title order={3} mb="xs">
          {t('parts.priorities')}
        </Title>
        {annex.prioritiesIntro && (
          <Text size="sm" mb="xs">
            {annex.prioritiesIntro}
          </Text>
        )}
        <List size="sm" spacing={4}>
          {annex.priorities!.map((p, i) => (
            <List.Item key={i}>{p}</List.Item>
          ))}
        </List>
      </Tabs.Panel>

      <Tabs.Panel value="subdomains" pt="md">
        <Stack gap="sm">
          {annex.scopeNote && (
            <Text size="sm" fs="italic">
              {annex.scopeNote}
            </Text>
          )}
          {annex.subdomains.map((s) => (
            <section key={s.code} aria-labelledby={`sd-${annex.id}-${s.code}`}>
              <Title order={3} id={`sd-${annex.id}-${s.code}`} size="h5">
                {`${s.code}- ${s.title}`}
                {s.footnoteRefs.map((r) => ` (${r})`).join('')}
              </Title>
              {s.groups.map((g, gi) => (
                <Fragment key={gi}>
                  {g.heading && (
                    <Text size="sm" fw={600} td="underline" mt="xs">
                      {g.heading}
                    </Text>
                  )}
                  <List size="sm" spacing={2}>
                    {g.activities.map((a, ai) => (
                      <List.Item key={ai}>
                        {a.text}
                        {a.children.length > 0 && (
                          <List withPadding size="sm">
                            {a.children.map((c, ci) => (
                              <List.Item key={ci}>{c}</List.Item>
                            ))}
                          </List>
                        )}
                      </List.Item>
                    ))}
                  </List>
                </Fragment>
              ))}
              {s.notes.map((n, ni) => (
                <Text key={ni} size="sm" fs="italic" mt="xs">
                  {n}
                </Text>
              ))}
            </section>
          ))}
          {annex.footnotes?.map((f) => (
            <div key={f.ref}>
              <Text size="xs">
                ({f.ref}) {f.text}
              </Text>
              {f.items.length > 0 && (
                <List size="xs">
                  {f.items.map((x, i) => (
                    <List.Item key={i}>{x}</List.Item>
                  ))}
                </List>
              )}
            </div>
          ))}
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="modalities" pt="md">
        {im && (
          <Stack gap="xs">
            <Title order={3} size="h5">
              {im.commitments.title || t('parts.modalities')}
            </Title>
            <Paragraphs items={im.commitments.paragraphs} />
            <List size="sm">
              {im.commitments.items.map((x, i) => (
                <List.Item key={i}>{x}</List.Item>
              ))}
            </List>
            <Paragraphs items={im.progressive.paragraphs} />
            <List size="sm">
              {im.progressive.items.map((x, i) => (
                <List.Item key={i}>{x}</List.Item>
              ))}
            </List>
            <Title order={3} size="h5">
              {im.operatingModes.title}
            </Title>
            <Paragraphs items={im.operatingModes.paragraphs} />
            <Title order={3} size="h5">
              {im.referenceDocuments.title}
            </Title>
            <Paragraphs items={im.referenceDocuments.paragraphs} />
            {annex.means && (
              <>
                <Title order={3} size="h5">
                  {annex.means.title}
                </Title>
                <Paragraphs items={annex.means.paragraphs} />
              </>
            )}
          </Stack>
        )}
      </Tabs.Panel>

      <Tabs.Panel value="governance" pt="md">
        {annex.governance?.intro && (
          <Text size="sm" mb="xs">
            {annex.governance.intro}
          </Text>
        )}
        <Table.ScrollContainer minWidth={800}>
          <Table withTableBorder withColumnBorders fz="sm" verticalSpacing="xs">
            <Table.Caption>{t('governance.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {(['body', 'purpose', 'commune', 'provider', 'frequency'] as const).map((c) => (
                  <Table.Th scope="col" key={c}>
                    {t(`governance.${c}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {annex.governance?.bodies.map((g) => (
                <Table.Tr key={g.name}>
                  <Table.Th scope="row">{g.name}</Table.Th>
                  <Table.Td>{g.purpose}</Table.Td>
                  <Table.Td>{g.participantsCommune}</Table.Td>
                  <Table.Td>{g.participantsProvider}</Table.Td>
                  <Table.Td>{g.frequency}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {annex.governance?.outro && (
          <Text size="sm" mt="xs">
            {annex.governance.outro}
          </Text>
        )}
      </Tabs.Panel>

      <Tabs.Panel value="roles" pt="md">
        <Table withTableBorder withColumnBorders fz="sm">
          <Table.Caption>{t('roles.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('roles.role')}</Table.Th>
              <Table.Th scope="col">{t('roles.description')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {annex.roles?.map((r) => (
              <Table.Tr key={r.title}>
                <Table.Th scope="row">{r.title}</Table.Th>
                <Table.Td>{r.description}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Tabs.Panel>

      <Tabs.Panel value="matrix" pt="md">
        <Stack>
          <EscalationMatrix annex={annex} />
          <Title order={3} size="h5">
            {t('parts.hours')}
          </Title>
          <SupportHours annex={annex} />
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="preamble" pt="md">
        <Stack gap="xs">
          <Title order={3} size="h5">
            {annex.preamble?.title}
          </Title>
          <Paragraphs items={annex.preamble?.paragraphs ?? []} />
        </Stack>
      </Tabs.Panel>
    </Tabs>
  );
}
