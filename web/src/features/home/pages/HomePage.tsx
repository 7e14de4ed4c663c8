import { Card, Col, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { LoadError } from '../../../components/LoadError';
import { useRoleLabel, useT } from '../../../i18n';
import { InviteStaffButton } from '../../organisations/components/InviteStaffButton';
import { useHome } from '../api';

/** The role's home: title, scope and key figures, all decided by the server for the signed-in role. */
export function HomePage() {
  const t = useT();
  const roleLabel = useRoleLabel();
  const home = useHome();

  if (home.isPending) return <Skeleton active />;
  if (home.isError) return <LoadError onRetry={() => void home.refetch()} />;
  const { title, role, scopeLabel, cards } = home.data;

  return (
    <Flex vertical gap="large">
      <div>
        <Flex justify="space-between" align="center" wrap gap="small">
          <Typography.Title level={3} data-testid="home-title">
            {title}
          </Typography.Title>
          <InviteStaffButton />
        </Flex>
        <Flex gap="small" wrap align="center">
          <Typography.Text type="secondary">{t('home.role')}</Typography.Text>
          <Tag color="blue" data-testid="home-role">
            {roleLabel(role)}
          </Tag>
          <Typography.Text type="secondary">{t('home.scope')}</Typography.Text>
          <Typography.Text data-testid="home-scope">{scopeLabel}</Typography.Text>
        </Flex>
      </div>
      <Row gutter={[16, 16]}>
        {cards.map((card) => (
          <Col key={card.key} xs={24} sm={12} lg={6}>
            <Card data-testid={`home-card-${card.key}`}>
              <Statistic title={card.label} value={card.value} />
            </Card>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}
