import { Card, Flex, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT, type MessageKey } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * The frame of the pages outside the app shell (onboarding, first password change): platform
 * name, page title, language switch, and below the card a way back (to the login page by default).
 */
export function PublicLayout({
  title,
  width = 560,
  footer,
  children,
}: {
  title: MessageKey;
  width?: number;
  footer?: ReactNode;
  children: ReactNode;
}) {
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
      <div style={{ marginTop: 16 }}>
        {footer ?? (
          <Link to="/login" data-testid="public-back-login">
            {t('onboarding.backToLogin')}
          </Link>
        )}
      </div>
    </Flex>
  );
}
