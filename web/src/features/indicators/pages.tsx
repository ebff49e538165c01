import { useNavigate } from '@tanstack/react-router';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../api/client';
import { Page } from '../../ui/Page';
import { useCommune } from '../communes/api';
import { Dashboard } from './Dashboard';
import { Overview } from './Overview';
import { defaultPeriod } from './periods';
import { communeIndicatorsRoute, indicatorsRoute } from './routes';
import { AnchorLink } from '../../ui/links';

/** The period chosen, kept in the address so that links and the back button keep it. */
function usePeriod(route: typeof indicatorsRoute | typeof communeIndicatorsRoute): [string, (p: string) => void] {
  const search = route.useSearch();
  const navigate = useNavigate();
  return [
    search.periode ?? defaultPeriod(),
    (p: string) => void navigate({ to: '.', search: { periode: p }, replace: true }),
  ];
}

/** Indicators home: the side-by-side overview for the director and contract manager, else the user's commune. */
export function IndicatorsPage() {
  const { t } = useTranslation('indicators');
  const me = useMe();
  const [period, setPeriod] = usePeriod(indicatorsRoute);
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
  const [period, setPeriod] = usePeriod(communeIndicatorsRoute);
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
      description={
        back ? (
          <AnchorLink to="/indicateurs" search={{ periode: period }}>
            {t('backToOverview')}
          </AnchorLink>
        ) : (
          t('communeIntro')
        )
      }
    >
      <Dashboard communeId={communeId} period={period} onPeriod={onPeriod} />
    </Page>
  );
}
