import { Card, Flex, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { useT, type MessageKey } from '../../../i18n';

/** The frame of the pages used without a session: platform name, page title, language switch, back to login. */
export function PublicLayout({ title, width = 560, children }: { title: MessageKey; width?: number; children: ReactNode }) {
  const t = useT();
  const { token } = theme.useToken();
  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', background: token.colorBgLayout, padding: '48px 16px' }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width, maxWidth: '100%' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Text type="secondary">{t('app.name')}</Typography.Text>
          <Typography.Title level={3} style={{ margin: '8px 0 0' }} data-testid="public-title">
            {t(title)}
          </Typography.Title>
        </div>
        {children}
      </Card>
      <Link to="/login" style={{ marginTop: 16 }} data-testid="public-back-login">
        {t('onboarding.backToLogin')}
      </Link>
    </Flex>
  );
}
