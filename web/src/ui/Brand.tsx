import { Box, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The app's mark and name. */
export function Brand() {
  const { t } = useTranslation();
  return (
    <Group gap={10} wrap="nowrap">
      <Box
        component="span"
        aria-hidden="true"
        style={{
          display: 'inline-flex',
          width: 34,
          height: 34,
          borderRadius: 8,
          background: '#000091',
          alignItems: 'center',
          justifyContent: 'center',
        }}
      >
        <svg width="20" height="20" viewBox="0 0 32 32" focusable="false">
          <path
            d="M6 25V8l10 10L26 8v17"
            fill="none"
            stroke="#fff"
            strokeWidth="3.5"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </Box>
      <div>
        <Text fw={800} size="lg" lh={1.1} c="#161616">
          {t('app.name')}
        </Text>
        <Text size="xs" c="dimmed" lh={1.2} visibleFrom="xs">
          {t('app.tagline')}
        </Text>
      </div>
    </Group>
  );
}
