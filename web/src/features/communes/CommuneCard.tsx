import { Card, Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Commune } from '../../api/types';
import { IconArrowRight, IconBuilding } from '../../ui/icons';
import { AnchorLink } from '../../ui/links';

/** A commune as a card linking to its page. */
export function CommuneCard({ commune }: { commune: Commune }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg">
      <Group gap="sm" wrap="nowrap" mb="xs">
        <IconBuilding size={22} />
        <Title order={3} size="h4">
          {commune.name}
        </Title>
      </Group>
      <Text size="sm" c="dimmed">
        {t('communes.entityCount', { count: commune.entityCount })}
        {commune.inseeCode ? ` · ${t('communes.insee', { code: commune.inseeCode })}` : ''}
      </Text>
      <AnchorLink to="/communes/$communeId" params={{ communeId: commune.id }} mt="md" size="sm" fw={600}>
        <Group gap={4} component="span">
          {t('communes.openNamed', { name: commune.name })}
          <IconArrowRight size={16} />
        </Group>
      </AnchorLink>
    </Card>
  );
}
