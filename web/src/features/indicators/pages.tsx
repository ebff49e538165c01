import { useState } from 'react';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../api/client';
import { Page } from '../../ui/Page';
import { useCommune } from '../communes/api';
import { Dashboard } from './Dashboard';
import { Overview } from './Overview';
import { defaultPeriod } from './periods';
import { communeIndicatorsRoute } from './routes';
import { AnchorLink } from '../../ui/links';

/** Indicators home: the side-by-side overview for the director and contract manager, else the user's commune. */
export function IndicatorsPage() {
  const { t } = useTranslation('indicators');
  const me = useMe();
  const [period, setPeriod] = useState(defaultPeriod());
  if (hasPermission(me, 'indicators.overview')) {
    return (
      <Page title={t('overviewTitle')} description={t('overviewIntro')}>
        <Overview period={period} onPeriod={setPeriod} />
      </Page>
    );
  }
  if (!me.communeId)
    return (
      <Page title={t('title')}>
        <Text>{t('noCommune')}</Text>
      </Page>
    );
  return <CommuneDashboardPage communeId={me.communeId} period={period} onPeriod={setPeriod} />;
}

/** One commune's dashboard, by route. */
export function CommuneIndicatorsPage() {
  const { communeId } = communeIndicatorsRoute.useParams();
  const [period, setPeriod] = useState(defaultPeriod());
  return <CommuneDashboardPage communeId={communeId} period={period} onPeriod={setPeriod} back />;
}

function CommuneDashboardPage({
  communeId,
  period,
  onPeriod,
  back,
}: {
  communeId: string;
  period: string;
  onPeriod: (p: string) => void;
  back?: boolean;
}) {
  const { t } = useTranslation('indicators');
  const commune = useCommune(communeId);
  const name = commune.data?.name ?? '';
  return (
    <Page
      title={t('communeTitle', { name })}
      description={back ? <AnchorLink to="/indicateurs">{t('backToOverview')}</AnchorLink> : t('communeIntro')}
    >
      <Dashboard communeId={communeId} period={period} onPeriod={onPeriod} />
    </Page>
  );
}
